import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail } from './envelope.ts';
import type { RsaKeyPair } from './sandbox-crypto.ts';
import type { SandboxSession, SandboxState } from './state.ts';

/** Sandbox configuration, state and the header checks every route shares (docs/gst.md c4). */
export interface IrpSandboxConfig {
  readonly gstin: string;
  readonly userName: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Token life; NIC's sandbox uses 60 minutes (c3.5). */
  readonly tokenMinutes: number;
  /** How long a 'timeout-after-register' fault holds the request before dropping the connection. */
  readonly hangMs: number;
  readonly encryptionKeys: RsaKeyPair;
  readonly signingKeys: RsaKeyPair;
  readonly now: () => Date;
}

export interface SandboxContext {
  readonly config: IrpSandboxConfig;
  readonly state: SandboxState;
  /** Aborted when the server closes, to release requests held by a timeout fault. */
  readonly closing: AbortSignal;
}

function header(request: FastifyRequest, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = request.headers[name.toLowerCase()];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** c4: `client_id`/`client_secret` and `Gstin` on every call; both spellings accepted (uncertainty 2). */
export function checkClient(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply): boolean {
  const id = header(request, 'client_id', 'client-id');
  const secret = header(request, 'client_secret', 'client-secret');
  if (id !== ctx.config.clientId || secret !== ctx.config.clientSecret) {
    fail(reply, [{ code: '1010', message: 'Invalid Client-ID/Client-Secret' }]);
    return false;
  }
  if (header(request, 'gstin') !== ctx.config.gstin) {
    fail(reply, [{ code: '1004', message: 'Header GSTIN is required and must be the GSTIN of the API user' }]);
    return false;
  }
  return true;
}

/** The session for an authenticated call, or a 1005 reply. */
export function requireSession(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): SandboxSession | null {
  if (!checkClient(ctx, request, reply)) return null;
  const token = header(request, 'authtoken');
  const session = token ? ctx.state.sessions.get(token) : undefined;
  const user = header(request, 'user_name', 'user-name');
  if (!session || session.expiresAt <= ctx.config.now() || user !== session.userName) {
    fail(reply, [{ code: '1005', message: 'Invalid Token' }]);
    return null;
  }
  return session;
}
