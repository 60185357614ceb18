import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '../../core/schema-types.ts';
import {
  isReservedTokenName,
  issueSession,
  issueToken,
  maxTokenSeconds,
  revokeToken,
  signInSchema,
} from '../../core/users/users.ts';
import { signIn } from '../../core/users/login-throttle.ts';
import { sessionCookie, sessionToken } from '../auth.ts';
import { answers, noContent } from '../responses/common.ts';
import { publicUser, session, signedInToken } from '../responses/users.ts';
import { httpSettingsOf, type AppContext } from '../context.ts';

export async function authRoutes(base: FastifyInstance, context: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = context.database.db;
  const { loginThrottle } = httpSettingsOf(context);
  const throttled =
    '429: too many failed sign-ins for the username or from the address; Retry-After says when to try again.';

  app.post(
    '/api/auth/token',
    {
      config: { role: 'public' },
      schema: {
        summary: 'Exchange a username and password for a bearer API token',
        description: throttled,
        tags: ['auth'],
        response: answers({ 201: signedInToken }),
        body: signInSchema.extend({
          name: text({ max: 100 })
            .default('api')
            .refine(
              (name) => !isReservedTokenName(name),
              'That name is kept for console sessions: give the token another name.',
            ),
          ttlSeconds: z.number().int().min(60).max(maxTokenSeconds).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { username, password, name, ttlSeconds } = request.body;
      const user = await signIn(db, loginThrottle, username, password, request.ip);
      const { token, expiresAt } = await issueToken(db, user, name, ttlSeconds);
      return reply.status(201).send({ token, tokenType: 'Bearer', expiresAt, user });
    },
  );

  const sessionHours = 12;
  app.post(
    '/api/auth/session',
    {
      config: { role: 'public' },
      schema: {
        summary:
          'Sign in to the console: sets an HttpOnly, SameSite=Strict session cookie (no token for scripts to read)',
        description: throttled,
        tags: ['auth'],
        body: signInSchema,
        response: answers({ 200: session }),
      },
    },
    async (request, reply) => {
      const user = await signIn(db, loginThrottle, request.body.username, request.body.password, request.ip);
      const { token } = await issueSession(db, user, sessionHours * 3600);
      const secure = request.protocol === 'https' ? '; Secure' : '';
      reply.header(
        'set-cookie',
        `${sessionCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${sessionHours * 3600}${secure}`,
      );
      return { user };
    },
  );

  app.delete(
    '/api/auth/session',
    {
      config: { role: 'public' },
      schema: { summary: 'Sign out of the console', tags: ['auth'], response: answers({ 204: noContent }) },
    },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) await revokeToken(db, token);
      reply.header('set-cookie', `${sessionCookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { role: 'viewer' },
      schema: { summary: 'The signed-in user', tags: ['auth'], response: answers({ 200: publicUser }) },
    },
    async (request) => request.user,
  );
}
