// Test helper: an in-process sandbox on a free loopback port, with a control client.
//
//   const sb = await startAjioSandbox({ sellers: [{ username: 'DVTEST01', password: 'secret' }] });
//   await sb.control.seedCatalog('DVTEST01', { styles: 5, seed: 42 });
//   const token = await sb.login('DVTEST01', 'secret');
//   ... fetch(`${sb.url}/orders`, { headers: { apiKey: token } }) ...
//   await sb.close();
import { SandboxControl } from './control-client.ts';
import { createAjioSandbox, type AjioSandbox, type AjioSandboxOptions } from './server.ts';

export { SandboxControl, SandboxControlError } from './control-client.ts';
export type * from './control-client.ts';

export interface StartAjioSandboxOptions extends AjioSandboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface StartedSandbox {
  /** Base URL of the AJIO contract (origin + prefix): what a connector takes as baseUrl + pathPrefix. */
  url: string;
  /** scheme://host:port, without the prefix. */
  origin: string;
  control: SandboxControl;
  /** The underlying sandbox (Fastify app and state), for white-box assertions. */
  sandbox: AjioSandbox;
  /** POST /authToken and return the access token (throws on failure). */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export async function startAjioSandbox(opts: StartAjioSandboxOptions = {}): Promise<StartedSandbox> {
  const { port, host, ...options } = opts;
  const sandbox = await createAjioSandbox(options);
  const url = await sandbox.listen({ port: port ?? 0, host: host ?? '127.0.0.1' });
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    control: new SandboxControl(origin),
    sandbox,
    async login(username, password) {
      const res = await fetch(`${url}/authToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const body = (await res.json()) as { result?: { accessToken: string }; errorMessage?: string };
      if (!res.ok || !body.result) throw new Error(`login failed (${res.status}): ${body.errorMessage}`);
      return body.result.accessToken;
    },
    close: () => sandbox.close(),
  };
}
