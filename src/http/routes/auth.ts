import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  authenticate, createUser, issueToken, issueTokenFor, listUsers, maxTokenSeconds, newUserSchema, revokeToken, tokenRequestSchema, updateUser, userChangeSchema,
} from '../../core/users/users.ts';
import { actorOf, sessionCookie, sessionToken } from '../auth.ts';
import type { AppContext } from '../context.ts';

export async function authRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  app.post('/api/auth/token', {
    config: { role: 'public' },
    schema: {
      summary: 'Exchange a username and password for a bearer API token',
      tags: ['auth'],
      body: z.object({
        username: z.string().min(1),
        password: z.string().min(1),
        name: z.string().max(100).default('api'),
        ttlSeconds: z.number().int().min(60).max(maxTokenSeconds).optional(),
      }),
    },
  }, async (request, reply) => {
    const { username, password, name, ttlSeconds } = request.body;
    const user = await authenticate(db, username, password);
    const { token, expiresAt } = await issueToken(db, user, name, ttlSeconds);
    return reply.status(201).send({ token, tokenType: 'Bearer', expiresAt, user });
  });

  const sessionHours = 12;
  app.post('/api/auth/session', {
    config: { role: 'public' },
    schema: {
      summary: 'Sign in to the console: sets an HttpOnly, SameSite=Strict session cookie (no token for scripts to read)',
      tags: ['auth'],
      body: z.object({ username: z.string().min(1), password: z.string().min(1) }),
    },
  }, async (request, reply) => {
    const user = await authenticate(db, request.body.username, request.body.password);
    const { token } = await issueToken(db, user, 'console session', sessionHours * 3600);
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

  app.get('/api/auth/me', { schema: { summary: 'The signed-in user', tags: ['auth'] } }, async (request) => request.user);

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
      description: 'The last active admin cannot be demoted or disabled. A disabled user cannot sign in and their tokens stop working.',
      tags: ['users'],
      params: z.object({ username: z.string() }),
      body: userChangeSchema,
    },
  }, async (request) => updateUser(db, request.params.username, request.body, actorOf(request)));

  app.post('/api/users/:username/tokens', {
    config: { role: 'admin' },
    schema: {
      summary: 'Issue an API token for a user (for an integration account); the token is shown only in this answer',
      tags: ['users'],
      params: z.object({ username: z.string() }),
      body: tokenRequestSchema,
    },
  }, async (request, reply) => reply.status(201).send(await issueTokenFor(db, request.params.username, request.body, actorOf(request))));
}
