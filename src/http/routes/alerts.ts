import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addDestination,
  destinationInput,
  listDestinations,
  removeDestination,
  updateDestination,
} from '../../core/alerts/destinations.ts';
import { testDestination } from '../../core/alerts/deliveries.ts';
import { alertHistory, openAlertList } from '../../core/alerts/history.ts';
import { alertSettingsSchema, readAlertSettings, saveAlertSettings } from '../../core/alerts/settings.ts';
import { audit } from '../../core/audit.ts';
import { id32Param, id64Param, limit } from '../../core/schema-types.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import {
  alertDestination,
  alertDestinationList,
  alertHistory as alertHistoryAnswer,
  alertSettings,
  testSend,
} from '../responses/alerts.ts';
import { answers, noContent } from '../responses/common.ts';

/**
 * Alerting (/api/alerts): thresholds and destinations are an admin's (they hold an SMTP password and
 * decide who is woken); the history is anyone's who can see the console.
 */
export async function alertRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const idParams = z.object({ id: id32Param('alert destination number') });

  app.get(
    '/api/alerts/settings',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Alert thresholds and the repeat interval, with their defaults applied',
        tags: ['alerts'],
        response: answers({ 200: alertSettings }),
      },
    },
    async () => readAlertSettings(db),
  );

  app.put(
    '/api/alerts/settings',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change alert thresholds or the repeat interval (fields left out keep their value)',
        tags: ['alerts'],
        body: alertSettingsSchema.partial(),
        response: answers({ 200: alertSettings }),
      },
    },
    async (request) => {
      const saved = await saveAlertSettings(db, request.body);
      await audit(db, {
        actor: actorOf(request),
        action: 'update',
        entity: 'alert_settings',
        entityId: 'alerts',
        after: saved,
      });
      return saved;
    },
  );

  app.get(
    '/api/alerts/destinations',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Webhook and e-mail destinations of alerts (no webhook path, no password)',
        tags: ['alerts'],
        response: answers({ 200: alertDestinationList }),
      },
    },
    async () => ({ items: await listDestinations(db, secrets) }),
  );

  app.post(
    '/api/alerts/destinations',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Add a webhook or SMTP e-mail destination; the webhook URL and SMTP password are stored encrypted',
        tags: ['alerts'],
        body: destinationInput,
        response: answers({ 201: alertDestination }),
      },
    },
    async (request, reply) => reply.status(201).send(await addDestination(db, secrets, request.body, actorOf(request))),
  );

  app.put(
    '/api/alerts/destinations/:id',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a destination; a webhook URL or SMTP password left out keeps the stored one',
        tags: ['alerts'],
        params: idParams,
        body: destinationInput,
        response: answers({ 200: alertDestination }),
      },
    },
    async (request) => updateDestination(db, secrets, request.params.id, request.body, actorOf(request)),
  );

  app.delete(
    '/api/alerts/destinations/:id',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Remove a destination; what was still to be sent to it is dropped (the history keeps its name)',
        tags: ['alerts'],
        params: idParams,
        response: answers({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await removeDestination(db, request.params.id, actorOf(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/alerts/destinations/:id/test',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Send a test alert to a destination now; answers whether it was delivered or why it was refused',
        tags: ['alerts'],
        params: idParams,
        response: answers({ 200: testSend }),
      },
    },
    async (request) => testDestination(database, secrets, request.params.id),
  );

  app.get(
    '/api/alerts/history',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Alerts open now, and every notification (fired, repeated, resolved), newest first, with where it was delivered and the failures',
        tags: ['alerts'],
        querystring: z.object({ before: id64Param('notification number').optional(), limit: limit(200, 50) }),
        response: answers({ 200: alertHistoryAnswer }),
      },
    },
    async (request) => ({
      open: await openAlertList(db),
      ...(await alertHistory(db, { before: request.query.before, limit: request.query.limit })),
    }),
  );
}
