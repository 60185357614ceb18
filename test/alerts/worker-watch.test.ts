import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { startWorkerWatch } from '../../src/core/alerts/worker-watch.ts';
import { createLogger } from '../../src/log.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/alert-receivers.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { sleep, waitFor } from '../helpers/wait-for.ts';

/**
 * `weft api` with every worker stopped: the scheduler (which runs in a worker) cannot say so, so the
 * API process's watch does — once, and resolved once a worker beats again.
 */
for (const kind of databaseKinds) {
  describe(`worker watch of an API-only process (${kind})`, () => {
    let t: TestApp;
    let hook: WebhookReceiver;

    before(async () => {
      t = await createTestApp(kind);
      hook = await startWebhookReceiver();
      const added = await t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'webhook', name: 'Ops', url: hook.url },
      });
      assert.equal(added.statusCode, 201, added.body);
    });
    after(async () => {
      await hook.close();
      await t.close();
    });

    test('no worker alive: alerted once by the API process, resolved when one beats', async () => {
      const watch = startWorkerWatch(
        { database: t.database, secrets: t.secrets, lookup: channelDescriptor, log: createLogger('silent') },
        100,
      );
      try {
        const workerAlerts = () => hook.bodies.filter((b) => b.rule === 'no-live-worker');
        await waitFor('the no-live-worker alert', async () => workerAlerts().length > 0);
        await sleep(500);
        assert.deepEqual(
          workerAlerts().map((b) => b.kind),
          ['fired'],
        );
        await t.database.query(`insert into weft_workers (id, host, pid) values ('w:1', 'test', 1)`);
        await waitFor('the resolved notification', async () => workerAlerts().length > 1);
        assert.deepEqual(
          workerAlerts().map((b) => b.kind),
          ['fired', 'resolved'],
        );
      } finally {
        await watch.stop();
      }
    });
  });
}
