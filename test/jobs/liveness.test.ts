import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import { reclaimDeadWork } from '../../src/jobs/supervisor.ts';
import { claimRun, createRun } from '../../src/core/sync/runs.ts';
import { sleep, waitFor } from '../helpers/wait-for.ts';

/**
 * One stream never blocks another, and the work of a dead process comes back: in one process, on
 * both databases (the multi-process SIGKILL test is test/jobs/worker-crash.test.ts).
 */
const sellers = [
  { username: 'DVLIVEA1', password: 'api-secret' },
  { username: 'DVLIVEB1', password: 'api-secret' },
];

for (const kind of databaseKinds) {
  describe(`sync runs and worker liveness (${kind})`, () => {
    let t: TestApp;
    let slow: StartedSandbox;
    let fast: StartedSandbox;
    const codes: string[] = [];
    before(async () => {
      t = await createTestApp(kind, { work: true, concurrency: 3 });
      slow = await startAjioSandbox({ sellers: [sellers[0]], rateLimit: false });
      fast = await startAjioSandbox({ sellers: [sellers[1]], rateLimit: false });
      await t.call('POST', '/api/warehouses', {
        body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' },
      });
      for (const [i, sandbox] of [slow, fast].entries()) {
        await sandbox.control.seedCatalog(sellers[i].username, { styles: 4, seed: 3, publishedRatio: 1 });
        const created = await t.call('POST', '/api/channels', {
          body: {
            type: 'ajio-jit',
            name: `AJIO ${i}`,
            warehouse: 'MUM1',
            // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
            mode: 'live',
            settings: {
              orderSyncFrom: '2026-01-01',
              returnSyncFrom: '2026-01-01',
              baseUrl: sandbox.url,
              rateLimitPerSecond: 50,
            },
            interface: { ...sellers[i], isB2B: 'Yes' },
          },
        });
        assert.equal(created.statusCode, 201, created.body);
        codes.push(created.json().code);
      }
    });
    after(async () => {
      await slow?.close();
      await fast?.close();
      await t?.close();
    });

    const ask = async (code: string) => {
      const asked = await t.call('POST', `/api/channels/${code}/sync/skus`);
      assert.equal(asked.statusCode, 202, asked.body);
      return asked.json().runId as number;
    };
    const status = async (id: number) =>
      (await t.call('GET', `/api/sync-runs/${id}`)).json() as { status: string; error: string | null };

    test('a queued run of a busy stream waits its turn without holding up another channel', async () => {
      // The slow channel's first product page hangs: its pull stays running.
      await slow.control.injectFaults({ route: 'GET /products', type: 'timeout', holdMs: 12_000, count: 1 });
      const busy = await ask(codes[0]);
      await waitFor('the slow pull to run', async () => (await status(busy)).status === 'running');
      const behind = await ask(codes[0]);
      await sleep(300);
      const other = await ask(codes[1]);
      const startedAt = Date.now();
      // One poll (0.5 s here) and a short pull: well inside the slow channel's 12 s hang.
      await waitFor(
        "the other channel's run to succeed",
        async () => (await status(other)).status === 'succeeded',
        6_000,
      );
      assert.ok(Date.now() - startedAt < 6_000);
      assert.equal((await status(busy)).status, 'running', 'the busy run is still going');
      assert.equal((await status(behind)).status, 'queued', 'the second run of the busy stream never overlaps it');
      // The hang ends (AJIO drops the connection): the busy run ends, then the waiting one runs.
      await waitFor(
        'the waiting run to finish',
        async () => ['succeeded', 'failed', 'partial'].includes((await status(behind)).status),
        40_000,
      );
    });

    test('/health lists the processes working jobs, by their heartbeat', async () => {
      const health = (await t.app.inject({ method: 'GET', url: '/health' })).json();
      const workers = health.queue.workers as { host: string; pid: number; lastSeenAt: string }[];
      assert.deepEqual(
        workers.map((w) => w.pid),
        [process.pid],
        'this process, which works jobs',
      );
      assert.ok(Date.now() - new Date(workers[0].lastSeenAt).getTime() < 30_000);
    });

    test('the supervisor puts back the job and abandons the run of a process whose heartbeat stopped', async () => {
      const {
        rows: [channel],
      } = await t.database.query<{ id: number }>('select id from channels where code = $1', [codes[1]]);
      const dead = `ghost:4242:${randomUUID().slice(0, 8)}`;
      await t.database.query(
        `insert into weft_workers (id, host, pid, last_seen_at) values ($1, 'ghost', 4242, now() - interval '1 minute')`,
        [dead],
      );
      const jobId = (await t.jobs.boss.send(
        'fulfilment.pack-documents',
        { orderId: 0, actor: 'test' },
        { startAfter: 3600 },
      ))!;
      await t.database.query(`update pgboss.job set state = 'active', started_on = now() where id = $1`, [jobId]);
      await t.database.query(
        `insert into weft_job_holds (job_id, queue, worker_id) values ($1, 'fulfilment.pack-documents', $2)`,
        [jobId, dead],
      );
      const run = await createRun(t.database.db, { channelId: channel.id, stream: 'returns', trigger: 'manual' });
      assert.equal((await claimRun(t.database.db, run.id, { workerId: dead })).outcome, 'claimed');
      const other = await createRun(t.database.db, { channelId: channel.id, stream: 'returns', trigger: 'manual' });
      assert.equal(
        (await claimRun(t.database.db, other.id, { workerId: 'someone-else' })).outcome,
        'busy',
        'one running run per stream',
      );

      const reclaimed = await reclaimDeadWork(t.database, { staleSeconds: 5 });
      assert.deepEqual(reclaimed.workers, ['ghost:4242']);
      assert.equal(reclaimed.jobs, 1);
      const {
        rows: [job],
      } = await t.database.query<{ state: string; start_after: Date }>(
        'select state::text as state, start_after from pgboss.job where id = $1',
        [jobId],
      );
      assert.equal(job.state, 'retry');
      assert.ok(job.start_after.getTime() <= Date.now() + 1000, 'due again now, not after a backoff');
      const closed = await status(run.id);
      assert.equal(closed.status, 'abandoned');
      assert.match(closed.error!, /^worker ghost:4242 stopped answering at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      assert.equal(
        (await claimRun(t.database.db, other.id, { workerId: 'someone-else' })).outcome,
        'claimed',
        'the stream is free again',
      );
      const { rows: gone } = await t.database.query('select 1 from weft_workers where id = $1', [dead]);
      assert.equal(gone.length, 0);
      // A run left running with no live owner at all (as at start-up after a crash) is closed too.
      const again = await reclaimDeadWork(t.database, { staleSeconds: 5 });
      assert.equal(again.runs, 1, 'the run held by the unknown "someone-else" is abandoned');
      assert.equal((await status(other.id)).status, 'abandoned');
    });

    test('at start-up on the embedded database every other process counts as dead, however fresh its heartbeat', async () => {
      const {
        rows: [channel],
      } = await t.database.query<{ id: number }>('select id from channels where code = $1', [codes[1]]);
      const previous = `previous:77:${randomUUID().slice(0, 8)}`;
      await t.database.query(`insert into weft_workers (id, host, pid) values ($1, 'previous', 77)`, [previous]);
      const run = await createRun(t.database.db, { channelId: channel.id, stream: 'returns', trigger: 'schedule' });
      await claimRun(t.database.db, run.id, { workerId: previous });
      assert.equal((await reclaimDeadWork(t.database, { staleSeconds: 60 })).runs, 0, 'a fresh heartbeat is alive');
      const self = t.jobs.liveness!.id;
      const reclaimed = await reclaimDeadWork(t.database, { staleSeconds: 60, selfId: self, othersAreDead: true });
      assert.deepEqual(reclaimed.workers, ['previous:77']);
      assert.equal((await status(run.id)).status, 'abandoned');
      const { rows } = await t.database.query<{ id: string }>('select id from weft_workers');
      assert.deepEqual(
        rows.map((r) => r.id),
        [self],
        'this process stays',
      );
    });
  });
}
