import { randomBytes } from 'node:crypto';
import { fastify, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { checkClient, type SandboxContext } from './context.ts';
import { fail, istTimestamp, ok } from './envelope.ts';
import { registerInvoiceRoutes } from './invoice-routes.ts';
import { aes256EcbEncrypt, rsaDecryptPkcs1 } from './sandbox-crypto.ts';
import type { SandboxSession } from './state.ts';

/**
 * IRP sandbox over HTTP (Fastify): the endpoints, headers, envelope and encryption of docs/gst.md
 * c2–c5, one taxpayer user, state in memory. Invoice routes are in invoice-routes.ts.
 */
function authRoute(ctx: SandboxContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    ctx.state.calls.auth += 1;
    if (!checkClient(ctx, request, reply)) return reply;
    const data = (request.body as { Data?: unknown } | undefined)?.Data;
    let auth: { UserName?: unknown; Password?: unknown; AppKey?: unknown; ForceRefreshAccessToken?: unknown };
    try {
      // c3.2: RSA(Base64(JSON)).
      const base64Json = rsaDecryptPkcs1(
        ctx.config.encryptionKeys.privateKeyPem,
        Buffer.from(String(data), 'base64'),
      ).toString('utf8');
      auth = JSON.parse(Buffer.from(base64Json, 'base64').toString('utf8'));
    } catch {
      return fail(reply, [
        { code: '1013', message: 'Decryption of password failed; use the public key of this environment' },
      ]);
    }
    if (auth.UserName !== ctx.config.userName || auth.Password !== ctx.config.password) {
      return fail(reply, [{ code: '1008', message: 'Invalid login credentials' }]);
    }
    const appKey = typeof auth.AppKey === 'string' ? Buffer.from(auth.AppKey, 'base64') : Buffer.alloc(0);
    if (appKey.length !== 32) return fail(reply, [{ code: '1016', message: 'Decryption of App Key failed' }]);
    const now = ctx.config.now();
    const existing = ctx.state.sessionByUser.get(ctx.config.userName);
    const live = existing && existing.expiresAt > now;
    // c3.5: within validity the same token comes back; a forced refresh is honoured only in the last 10 minutes.
    const lastTenMinutes = live && existing.expiresAt.getTime() - now.getTime() <= 10 * 60_000;
    let session = existing;
    if (!live || (auth.ForceRefreshAccessToken === true && lastTenMinutes)) {
      session = {
        authToken: ctx.state.newToken(),
        sek: randomBytes(32),
        userName: ctx.config.userName,
        gstin: ctx.config.gstin,
        expiresAt: new Date(now.getTime() + ctx.config.tokenMinutes * 60_000),
      };
      ctx.state.sessions.set(session.authToken, session);
      ctx.state.sessionByUser.set(session.userName, session);
    }
    const current = session as SandboxSession;
    return ok(reply, {
      ClientId: ctx.config.clientId,
      UserName: current.userName,
      AuthToken: current.authToken,
      // c3.3: the SEK travels AES-256-ECB-encrypted under this request's AppKey.
      Sek: aes256EcbEncrypt(appKey, current.sek),
      TokenExpiry: istTimestamp(current.expiresAt),
    });
  };
}

export function buildIrpSandboxApp(ctx: SandboxContext): FastifyInstance {
  const app = fastify({ logger: false, forceCloseConnections: true });
  app.post('/eivital/v1.04/auth', authRoute(ctx));
  registerInvoiceRoutes(app, ctx);
  return app;
}
