import type { IrpSandboxConfig } from './context.ts';
import { buildIrpSandboxApp } from './server.ts';
import { generateRsaKeyPair } from './sandbox-crypto.ts';
import { SandboxState, type GenerateFault, type SandboxCallCounts, type SandboxIrnRecord } from './state.ts';

/**
 * Starts the IRP sandbox on a free local port for tests and demos. The client gets `publicKeyPem` as
 * its IRP encryption key (c3.6) and may verify signed content with `signingPublicKeyPem`.
 */
export interface IrpSandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly gstin?: string;
  readonly userName?: string;
  readonly password?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly tokenMinutes?: number;
  readonly hangMs?: number;
}

export interface IrpSandboxControl {
  /** The next `count` generate calls fail this way: 'timeout-after-register' registers the IRN, then never answers; 'http-500' answers 500 without registering. */
  failNextGenerate(count: number, fault: GenerateFault): void;
  irnCount(): number;
  records(): readonly SandboxIrnRecord[];
  calls(): Readonly<SandboxCallCounts>;
  /** Moves the sandbox clock forward (token expiry, 24 h cancel window, 2-day details window). */
  advanceTime(ms: number): void;
  /** Drops every session, so the next call with an old token gets 1005. */
  invalidateTokens(): void;
  reset(): void;
}

export interface IrpSandbox {
  readonly url: string;
  readonly publicKeyPem: string;
  readonly signingPublicKeyPem: string;
  readonly gstin: string;
  readonly userName: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly control: IrpSandboxControl;
  close(): Promise<void>;
}

export async function startIrpSandbox(opts: IrpSandboxOptions = {}): Promise<IrpSandbox> {
  let offsetMs = 0;
  const config: IrpSandboxConfig = {
    gstin: opts.gstin ?? '27AAPFU0939F1ZV',
    userName: opts.userName ?? 'weft_sandbox',
    password: opts.password ?? 'sandbox-password',
    clientId: opts.clientId ?? 'WEFTSANDBOXCLIENT',
    clientSecret: opts.clientSecret ?? 'weft-sandbox-secret',
    tokenMinutes: opts.tokenMinutes ?? 60,
    hangMs: opts.hangMs ?? 10_000,
    encryptionKeys: generateRsaKeyPair(),
    signingKeys: generateRsaKeyPair(),
    now: () => new Date(Date.now() + offsetMs),
  };
  const state = new SandboxState();
  const closing = new AbortController();
  const app = buildIrpSandboxApp({ config, state, closing: closing.signal });
  const url = await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const control: IrpSandboxControl = {
    failNextGenerate(count, fault) {
      for (let i = 0; i < count; i++) state.faults.push(fault);
    },
    irnCount: () => state.byKey.size,
    records: () => [...state.byKey.values()],
    calls: () => ({ ...state.calls }),
    advanceTime(ms) {
      offsetMs += ms;
    },
    invalidateTokens() {
      state.sessions.clear();
      state.sessionByUser.clear();
    },
    reset() {
      state.reset();
      offsetMs = 0;
    },
  };
  return {
    url,
    publicKeyPem: config.encryptionKeys.publicKeyPem,
    signingPublicKeyPem: config.signingKeys.publicKeyPem,
    gstin: config.gstin,
    userName: config.userName,
    password: config.password,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    control,
    async close() {
      closing.abort();
      await app.close();
    },
  };
}
