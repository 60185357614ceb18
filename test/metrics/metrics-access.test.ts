import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServerDatabase, databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus-text.ts';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { startService, type Service } from '../../src/service.ts';
import { createLogger } from '../../src/log.ts';

/**
 * /metrics is never open by default: without a setting it answers 404 saying how to turn it on; with
 * WEFT_METRICS_TOKEN only a scraper sending that token reads it (a user's API token is not enough);
 * with WEFT_METRICS_ADDRESS it is served on a listener of its own, in any process.
 */
const token = 'scrape-token-0123456789abcdef';

for (const kind of databaseKinds) {
  describe(`/metrics access (${kind})`, () => {
    const apps: TestApp[] = [];
    after(async () => {
      for (const t of apps) await t.close();
    });
    const app = async (options?: Parameters<typeof createTestApp>[1]) => {
      const t = await createTestApp(kind, options);
      apps.push(t);
      return t;
    };

    test('no setting: 404 for everyone, with a message naming both settings', async () => {
      const t = await app();
      for (const as of [null, 'admin'] as const) {
        const response = await t.call('GET', '/metrics', { as });
        assert.equal(response.statusCode, 404);
        assert.equal(response.json().error.code, 'not_found');
        assert.match(response.json().error.message, /WEFT_METRICS_TOKEN.*WEFT_METRICS_ADDRESS/);
      }
    });

    test('a token: 401 without it, with a wrong one or with a user API token; 200 with it', async () => {
      const t = await app({ metrics: { token } });
      const cases: Array<[string | undefined, number]> = [
        [undefined, 401],
        ['Bearer not-the-token', 401],
        [`Bearer ${token}x`, 401],
        [`Bearer ${t.tokens.admin}`, 401],
        [`Basic ${Buffer.from(`x:${token}`).toString('base64')}`, 401],
        [`Bearer ${token}`, 200],
        [`bearer ${token}`, 200],
      ];
      for (const [authorization, status] of cases) {
        const response = await t.app.inject({
          method: 'GET',
          url: '/metrics',
          headers: authorization ? { authorization } : {},
        });
        assert.equal(response.statusCode, status, `${authorization}: ${response.body.slice(0, 200)}`);
        if (status === 401) {
          assert.equal(response.headers['www-authenticate'], 'Bearer');
          assert.match(response.json().error.message, /WEFT_METRICS_TOKEN/);
        } else {
          parsePrometheusText(response.body);
        }
      }
    });

    test('only a separate address: this port answers 404 pointing there', async () => {
      const t = await app({ metrics: { separateAddress: true } });
      const response = await t.call('GET', '/metrics', { as: null });
      assert.equal(response.statusCode, 404);
      assert.match(response.json().error.message, /separate metrics address \(WEFT_METRICS_ADDRESS\)/);
    });

    describe('WEFT_METRICS_ADDRESS: a listener of its own, in an API process and in a worker process', () => {
      let dataDir: string;
      let server: { url: string; drop(): Promise<void> } | undefined;
      const services: Service[] = [];
      before(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'weft-metrics-'));
        if (kind === 'postgres') server = await createServerDatabase();
      });
      after(async () => {
        for (const s of services.reverse()) await s.stop();
        await server?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      });
      const start = async (env: Record<string, string>, roles: { api: boolean; work: boolean }) => {
        const config = loadConfig({
          WEFT_DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          WEFT_METRICS_ADDRESS: '127.0.0.1:0',
          WEFT_ALLOW_PRIVATE_URLS: 'true',
          ...(server ? { DATABASE_URL: server.url } : {}),
          ...env,
        });
        const service = await startService({ ...config, port: 0 }, createLogger('silent'), roles);
        services.push(service);
        return service;
      };

      test('an address already in use stops start-up with one sentence naming the setting', async () => {
        const taken = http.createServer();
        await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
        const { port } = taken.address() as AddressInfo;
        try {
          await assert.rejects(
            start({ WEFT_METRICS_ADDRESS: `127.0.0.1:${port}` }, { api: true, work: false }),
            (error: Error) =>
              error instanceof ConfigError &&
              error.message.startsWith(`WEFT_METRICS_ADDRESS 127.0.0.1:${port} cannot be listened on (`) &&
              error.message.includes('a different one per process'),
          );
        } finally {
          taken.close();
        }
      });

      test('served there without a token when none is set; the API port keeps it closed; nothing else is served', async () => {
        const service = await start({}, { api: true, work: false });
        const at = `http://127.0.0.1:${service.metricsAddress!.port}`;
        const scraped = await fetch(`${at}/metrics`);
        assert.equal(scraped.status, 200);
        assert.match(scraped.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
        const families = parsePrometheusText(await scraped.text());
        assert.equal(sampleValue(families, 'weft_metrics_database_read_ok'), 1);
        assert.ok(families.has('weft_job_queue_jobs'));
        assert.equal((await fetch(`${at}/api/users`)).status, 404, 'the API is not on the metrics address');
        assert.equal((await fetch(`${at}/health`)).status, 404);
        assert.equal((await fetch(`${at}/metrics`, { method: 'POST' })).status, 405);
        const apiPort = (service.app!.server.address() as { port: number }).port;
        const onApi = await fetch(`http://127.0.0.1:${apiPort}/metrics`);
        assert.equal(onApi.status, 404);
        await service.stop();
        services.pop();
      });

      test('with a token too: the token is needed on both; a worker process serves its own metrics', async () => {
        const service = await start({ WEFT_METRICS_TOKEN: token }, { api: true, work: false });
        const at = `http://127.0.0.1:${service.metricsAddress!.port}`;
        const refused = await fetch(`${at}/metrics`);
        assert.equal(refused.status, 401);
        assert.match(await refused.text(), /WEFT_METRICS_TOKEN/);
        const authorization = `Bearer ${token}`;
        assert.equal((await fetch(`${at}/metrics`, { headers: { authorization } })).status, 200);
        const apiPort = (service.app!.server.address() as { port: number }).port;
        const onApi = await fetch(`http://127.0.0.1:${apiPort}/metrics`, { headers: { authorization } });
        assert.equal(onApi.status, 200);
        parsePrometheusText(await onApi.text());

        if (kind === 'postgres') {
          // A worker has no API port; its metrics address is how its own counters are read.
          const worker = await start({ WEFT_METRICS_TOKEN: token }, { api: false, work: true });
          assert.equal(worker.app, undefined);
          const text = await (
            await fetch(`http://127.0.0.1:${worker.metricsAddress!.port}/metrics`, { headers: { authorization } })
          ).text();
          assert.ok(parsePrometheusText(text).has('weft_marketplace_calls_total'));
        }
      });
    });
  });
}
