import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromText, id32, key, password, text } from '../../core/schema-types.ts';
import {
  createUser, isReservedTokenName, issueSession, issueToken, issueTokenFor, listTokensFor, listUsers, maxTokenSeconds,
  newUserSchema, revokeToken, revokeTokenFor, signInSchema, tokenRequestSchema, updateUser, userChangeSchema,
} from '../../core/users/users.ts';
import { signIn } from '../../core/users/login-throttle.ts';
import { actorOf, sessionCookie, sessionToken } from '../auth.ts';
import { httpSettingsOf, type AppContext } from '../context.ts';

export async function authRoutes(base: FastifyInstance, context: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = context.database.db;
  const { loginThrottle } = httpSettingsOf(context);
  const throttled = '429: too many failed sign-ins for the username or from the address; Retry-After says when to try again.';

  app.post('/api/auth/token', {
    config: { role: 'public' },
    schema: {
      summary: 'Exchange a username and password for a bearer API token',
      description: throttled,
      tags: ['auth'],
      body: signInSchema.extend({
        name: text({ max: 100 }).default('api')
          .refine((name) => !isReservedTokenName(name), 'That name is kept for console sessions: give the token another name.'),
        ttlSeconds: z.number().int().min(60).max(maxTokenSeconds).optional(),
      }),
    },
  }, async (request, reply) => {
    const { username, password, name, ttlSeconds } = request.body;
    const user = await signIn(db, loginThrottle, username, password, request.ip);
    const { token, expiresAt } = await issueToken(db, user, name, ttlSeconds);
    return reply.status(201).send({ token, tokenType: 'Bearer', expiresAt, user });
  });

  const sessionHours = 12;
  app.post('/api/auth/session', {
    config: { role: 'public' },
    schema: {
      summary: 'Sign in to the console: sets an HttpOnly, SameSite=Strict session cookie (no token for scripts to read)',
      description: throttled,
      tags: ['auth'],
      body: signInSchema,
    },
  }, async (request, reply) => {
    const user = await signIn(db, loginThrottle, request.body.username, request.body.password, request.ip);
    const { token } = await issueSession(db, user, sessionHours * 3600);
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${sessionCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${sessionHours * 3600}${secure}`);
    return { user };
  });

  app.delete('/api/auth/session', {
    config: { role: 'public' },
    schema: { summary: 'Sign out of the console', tags: ['auth'] },
  }, async (request, reply) => {
    const token = sessionToken(request);
    if (token) await revokeToken(db, token);
    reply.header('set-cookie', `${sessionCookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return reply.status(204).send();
  });

  const userParams = z.object({ username: key('username') });

  app.get('/api/auth/me', { config: { role: 'viewer' }, schema: { summary: 'The signed-in user', tags: ['auth'] } }, async (request) => request.user);

  app.get('/api/users', {
    config: { role: 'admin' },
    schema: { summary: 'List users with their role, whether they are active, and when they were last seen', tags: ['users'] },
  }, async () => ({ items: await listUsers(db) }));

  app.post('/api/users', {
    config: { role: 'admin' },
    schema: { summary: 'Add a user', tags: ['users'], body: newUserSchema },
  }, async (request, reply) => reply.status(201).send(await createUser(db, request.body, actorOf(request))));

  app.patch('/api/users/:username', {
    config: { role: 'admin' },
    schema: {
      summary: 'Change a user: role, reset the password, or disable/enable',
      description: 'The last active admin cannot be demoted or disabled. A disabled user cannot sign in, and disabling revokes their tokens and sessions '
        + '(the answer says how many, as tokensRevoked), so enabling them again brings none back. '
        + 'A password reset also signs the user out of every console session (the answer says how many, as sessionsEnded); their API tokens keep working.',
      tags: ['users'],
      params: userParams,
      body: userChangeSchema,
    },
  }, async (request) => updateUser(db, request.params.username, request.body, actorOf(request)));

  app.post('/api/users/:username/tokens', {
    config: { role: 'admin' },
    schema: {
      summary: 'Issue an API token for a user (for an integration account); the token is shown only in this answer',
      tags: ['users'],
      params: userParams,
      body: tokenRequestSchema,
    },
  }, async (request, reply) => reply.status(201).send(await issueTokenFor(db, request.params.username, request.body, actorOf(request))));

  const tokenParams = z.object({
    username: key('username'),
    id: fromText(id32('number of the token, as GET /api/users/:username/tokens lists it'),
      'Give the number of the token, as GET /api/users/:username/tokens lists it.'),
  });

  app.get('/api/users/:username/tokens', {
    config: { role: 'admin' },
    schema: {
      summary: "A user's API tokens and console sessions, newest first (never the token itself)",
      description: 'Each has a kind (token or session) and a status (active, expired or revoked). Live ones are always listed; '
        + 'ended ones for 30 days after they ended.',
      tags: ['users'],
      params: userParams,
    },
  }, async (request) => ({ items: await listTokensFor(db, request.params.username) }));

  app.delete('/api/users/:username/tokens/:id', {
    config: { role: 'admin' },
    schema: {
      summary: "Revoke one of a user's API tokens or console sessions: it stops working on its next request",
      description: 'Answers the token as listed, now revoked. Revoking one already revoked changes nothing.',
      tags: ['users'],
      params: tokenParams,
    },
  }, async (request) => revokeTokenFor(db, request.params.username, request.params.id, actorOf(request)));
}
