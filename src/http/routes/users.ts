import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromText, id32, key } from '../../core/schema-types.ts';
import {
  createUser,
  issueTokenFor,
  listTokensFor,
  listUsers,
  newUserSchema,
  revokeTokenFor,
  tokenRequestSchema,
  updateUser,
  userChangeSchema,
} from '../../core/users/users.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { issuedToken, listedToken, publicUser, tokenList, updatedUser, userList } from '../responses/users.ts';

/** Users and their API tokens (/api/users); signing in is routes/auth.ts. */
export async function userRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  const userParams = z.object({ username: key('username') });

  app.get(
    '/api/users',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'List users with their role, whether they are active, and when they were last seen',
        tags: ['users'],
        response: answers({ 200: userList }),
      },
    },
    async () => ({ items: await listUsers(db) }),
  );

  app.post(
    '/api/users',
    {
      config: { role: 'admin' },
      schema: { summary: 'Add a user', tags: ['users'], body: newUserSchema, response: answers({ 201: publicUser }) },
    },
    async (request, reply) => reply.status(201).send(await createUser(db, request.body, actorOf(request))),
  );

  app.patch(
    '/api/users/:username',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a user: role, reset the password, or disable/enable',
        description:
          'The last active admin cannot be demoted or disabled. A disabled user cannot sign in, and disabling revokes their tokens and sessions ' +
          '(the answer says how many, as tokensRevoked), so enabling them again brings none back. ' +
          'A password reset also signs the user out of every console session (the answer says how many, as sessionsEnded); their API tokens keep working.',
        tags: ['users'],
        params: userParams,
        body: userChangeSchema,
        response: answers({ 200: updatedUser }),
      },
    },
    async (request) => updateUser(db, request.params.username, request.body, actorOf(request)),
  );

  app.post(
    '/api/users/:username/tokens',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Issue an API token for a user (for an integration account); the token is shown only in this answer',
        tags: ['users'],
        params: userParams,
        body: tokenRequestSchema,
        response: answers({ 201: issuedToken }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await issueTokenFor(db, request.params.username, request.body, actorOf(request))),
  );

  const tokenParams = z.object({
    username: key('username'),
    id: fromText(
      id32('number of the token, as GET /api/users/:username/tokens lists it'),
      'Give the number of the token, as GET /api/users/:username/tokens lists it.',
    ),
  });

  app.get(
    '/api/users/:username/tokens',
    {
      config: { role: 'admin' },
      schema: {
        summary: "A user's API tokens and console sessions, newest first (never the token itself)",
        description:
          'Each has a kind (token or session) and a status (active, expired or revoked). Live ones are always listed; ' +
          'ended ones for 30 days after they ended.',
        tags: ['users'],
        params: userParams,
        response: answers({ 200: tokenList }),
      },
    },
    async (request) => ({ items: await listTokensFor(db, request.params.username) }),
  );

  app.delete(
    '/api/users/:username/tokens/:id',
    {
      config: { role: 'admin' },
      schema: {
        summary: "Revoke one of a user's API tokens or console sessions: it stops working on its next request",
        description: 'Answers the token as listed, now revoked. Revoking one already revoked changes nothing.',
        tags: ['users'],
        params: tokenParams,
        response: answers({ 200: listedToken }),
      },
    },
    async (request) => revokeTokenFor(db, request.params.username, request.params.id, actorOf(request)),
  );
}
