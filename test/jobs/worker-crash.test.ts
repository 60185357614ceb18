import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import { startWorkerCluster, type WorkerCluster } from '../helpers/worker-cluster.ts';
import { busyStreamRetrySeconds } from '../../src/jobs/definitions/channel-sync.ts';
import { sleep, waitFor as waitForState } from '../helpers/wait-for.ts';

/** The crash test waits longer: worker processes start on a loaded machine. */
const waitFor = <T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) =>
  waitForState(what, check, timeoutMs);

/**
 * Finding 3 of issue 10, on PostgreSQL with real `weft worker` processes: a worker SIGKILLed in the
 * middle of a pull. Its stream's next run must start within WEFT_JOBS_SUPERVISE_SECONDS + one poll,
 * runs of another channel must never wait behind it (nor behind a queued run of the busy stream),
 * and no run may stay `running` without a live process.
 */
const superviseSeconds = 5;
const pollSeconds = 2; // the job runtime's polling interval
const slackSeconds = 1.5; // a loaded 2-core CI machine
const sellers = [
  { username: 'DVCRASHA1', password: 'api-secret' },
  { username: 'DVCRASHB1', password: 'api-secret' },
];

interface Run {
  id: number;
  status: string;
  error: string | null;
  worker_id: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

async function addChannel(
  cluster: WorkerCluster,
  sandbox: StartedSandbox,
  seller: { username: string; password: string },
  name: string,
) {
  await sandbox.control.seedCatalog(seller.username, { styles: 6, seed: 7, publishedRatio: 1 });
  const created = await cluster.call('POST', '/api/channels', {
    type: 'ajio-jit',
    name,
    warehouse: 'MUM1',
    // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
    mode: 'live',
    // Only the SKU pull is in play: the scheduler leaves orders, inventory and returns alone.
    settings: {
      orderSyncFrom: '2026-01-01',
      returnSyncFrom: '2026-01-01',
      baseUrl: sandbox.url,
      rateLimitPerSecond: 50,
      skuSync: { intervalMinutes: 1440 },
      orders: { orderSync: false, returnOrderSync: false },
      inventory: { enabled: false },
    },
    interface: { ...seller, isB2B: 'Yes' },
  });
  assert.equal(created.statusCode, 201, created.body);
  return created.json().code as string;
}

test('a worker killed mid-pull: its stream resumes within the supervise interval and other channels never wait', {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL',
  timeout: 240_000,
}, async (t) => {
  const slow = await startAjioSandbox({ sellers: [sellers[0]], rateLimit: false });
  const fast = await startAjioSandbox({ sellers: [sellers[1]], rateLimit: false });
  let cluster: WorkerCluster | undefined;
  try {
    cluster = await startWorkerCluster({
      WEFT_JOBS_SUPERVISE_SECONDS: String(superviseSeconds),
      WEFT_ALLOW_PRIVATE_URLS: 'true',
    });
    const c = cluster;
    assert.equal(
      (await c.call('POST', '/api/warehouses', { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' }))
        .statusCode,
      201,
    );
    const a = await addChannel(c, slow, sellers[0], 'AJIO slow');
    const b = await addChannel(c, fast, sellers[1], 'AJIO other');
    const ask = async (code: string) => {
      const asked = await c.call('POST', `/api/channels/${code}/sync/skus`);
      assert.equal(asked.statusCode, 202, asked.body);
      return asked.json().runId as number;
    };
    const run = async (id: number) =>
      (await c.database.query<Run>('select * from sync_runs where id = $1', [id])).rows[0];
    const runsOf = async (code: string) =>
      (
        await c.database.query<Run>(
          `select r.* from sync_runs r join channels ch on ch.id = r.channel_id where ch.code = $1 and r.stream = 'skus' order by r.id`,
          [code],
        )
      ).rows;
    /** B's run started within one poll of being asked for, or of B's own previous run ending. */
    const assertNotDelayed = async (id: number) => {
      const done = await waitFor(
        `run ${id} of the other channel to finish`,
        async () => {
          const r = await run(id);
          return r.finished_at ? r : undefined;
        },
        30_000,
      );
      assert.equal(done.status, 'succeeded', `run ${id}: ${done.error}`);
      const own = (await runsOf(b)).filter(
        (r) =>
          r.id !== id &&
          r.started_at &&
          r.started_at < done.started_at! &&
          (!r.finished_at || r.finished_at > done.created_at),
      );
      const free = Math.max(done.created_at.getTime(), ...own.map((r) => r.finished_at!.getTime()));
      const allowed = (own.length ? busyStreamRetrySeconds + pollSeconds : pollSeconds) + slackSeconds;
      const waited = (done.started_at!.getTime() - free) / 1000;
      assert.ok(waited <= allowed, `run ${id} of ${b} waited ${waited.toFixed(1)} s to start (allowed ${allowed} s)`);
    };

    const first = await c.startWorker();
    const second = await c.startWorker();
    // A's first product page takes a minute: the pull is in the middle when its worker is killed.
    await slow.control.injectFaults({ route: 'GET /products', type: 'timeout', holdMs: 60_000, count: 1 });
    const doomedRun = await ask(a);
    const holder = await waitFor('the slow pull to be running', async () => {
      const r = await run(doomedRun);
      return r.status === 'running' && r.worker_id ? r.worker_id : undefined;
    });
    const {
      rows: [{ pid }],
    } = await c.database.query<{ pid: number }>('select pid from weft_workers where id = $1', [holder]);
    const doomed = [first, second].find((w) => w.pid === pid)!;
    assert.ok(doomed, 'the run is held by one of the two workers');

    // A queued run of the busy stream is the oldest waiting job; B's runs must still be served.
    const queuedBehind = await ask(a);
    await sleep(500);
    await assertNotDelayed(await ask(b));
    assert.equal((await run(queuedBehind)).status, 'queued', 'the second run of the busy stream waits its turn');

    doomed.child.kill('SIGKILL');
    const killedAt = Date.now();
    await doomed.exited;
    // While the dead worker's stream is not yet taken back, the other channel is served at once.
    await assertNotDelayed(await ask(b));

    const abandoned = await waitFor(
      'the killed run to be abandoned',
      async () => {
        const r = await run(doomedRun);
        return r.status === 'abandoned' ? r : undefined;
      },
      (superviseSeconds + 10) * 1000,
    );
    assert.match(
      abandoned.error ?? '',
      new RegExp(`worker .*:${pid} stopped answering at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC`),
    );
    const next = await waitFor(
      'the next run of the killed stream to start',
      async () =>
        (await runsOf(a)).find((r) => r.id !== doomedRun && r.started_at && r.started_at.getTime() > killedAt),
      30_000,
    );
    const resumedAfter = (next.started_at!.getTime() - killedAt) / 1000;
    t.diagnostic(
      `the killed stream's next run started ${resumedAfter.toFixed(1)} s after SIGKILL (supervise ${superviseSeconds} s)`,
    );
    assert.ok(
      resumedAfter <= superviseSeconds + pollSeconds + slackSeconds,
      `the stream's next run started ${resumedAfter.toFixed(1)} s after the kill (supervise ${superviseSeconds} s + poll ${pollSeconds} s)`,
    );

    // The killed run's own job came back too: a new run continues it, and the killed run names it.
    const continued = await waitFor(
      'the killed run to be continued',
      async () => /Continued by run (\d+)/.exec((await run(doomedRun)).error ?? '')?.[1],
    );
    await waitFor(
      'every run of the slow channel to finish',
      async () => (await runsOf(a)).every((r) => r.finished_at),
      60_000,
    );
    assert.equal((await run(Number(continued))).status, 'succeeded');
    const finals = await runsOf(a);
    assert.ok(
      finals.filter((r) => r.status === 'succeeded').length >= 2,
      `the continued run and the queued one both succeed: ${JSON.stringify(finals.map((r) => [r.id, r.status, r.error]))}`,
    );
    assert.match(abandoned.error ?? '', /next run of this stream takes over/);
    for (let i = 1; i < finals.length; i++) {
      const [p, q] = [finals[i - 1], finals[i]];
      if (p.id === doomedRun || q.id === doomedRun || !p.started_at || !q.started_at) continue;
      const [early, late] = p.started_at < q.started_at ? [p, q] : [q, p];
      assert.ok(late.started_at! >= early.finished_at!, `runs ${early.id} and ${late.id} of one stream overlapped`);
    }
    const {
      rows: [{ running }],
    } = await c.database.query<{ running: number }>(
      `select count(*)::int as running from sync_runs where status = 'running'`,
    );
    assert.equal(running, 0, 'no run is left running');
    const {
      rows: [{ dead }],
    } = await c.database.query<{ dead: number }>('select count(*)::int as dead from weft_workers where pid = $1', [
      pid,
    ]);
    assert.equal(dead, 0, 'the dead worker is no longer listed');
  } finally {
    await cluster?.close();
    await slow.close();
    await fast.close();
  }
});
