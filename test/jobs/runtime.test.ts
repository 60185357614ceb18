import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { JobRuntime } from '../../src/jobs/runtime.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { createLogger } from '../../src/log.ts';
import { probeDefinitions, probeLogSql } from '../fixtures/probe-jobs.ts';
import { startProcess, type TestProcess } from '../helpers/processes.ts';
import { waitFor } from '../helpers/wait-for.ts';

interface ProbeRow {
  pid: number;
  job_id: string;
  key: string | null;
  attempt: number;
  started_at: Date;
  finished_at: Date | null;
}
const probeRows = (database: TestDatabase, queue: string) =>
  database.query<ProbeRow>('select * from probe_log where queue = $1 order by started_at', [queue]).then((r) => r.rows);

async function jobState(database: TestDatabase, id: string): Promise<string | undefined> {
  const { rows } = await database.query<{ state: string }>(
    'select state::text as state from pgboss.job where id = $1',
    [id],
  );
  return rows[0]?.state;
}

for (const kind of databaseKinds) {
  describe(`job runtime in one process (${kind})`, () => {
    let database: TestDatabase;
    let runtime: JobRuntime;
    before(async () => {
      database = await createTestDatabase(kind);
      await database.exec(probeLogSql);
      runtime = await JobRuntime.start({
        database,
        secrets: new SecretBox(randomBytes(32)),
        lookup: () => undefined,
        log: createLogger('silent'),
        definitions: probeDefinitions,
        work: true,
        supervise: true,
        concurrency: 2,
        superviseSeconds: 1,
        pollingSeconds: 0.5,
      });
    });
    after(async () => {
      await runtime.stop(1);
      await database.dispose();
    });

    test('a sent job is worked and completed', async () => {
      const id = (await runtime.send('probe.standard', { ms: 10 }))!;
      await waitFor('completion', async () => (await jobState(database, id)) === 'completed');
    });

    test('a job that keeps failing is retried, then lands in its dead-letter queue', async () => {
      const id = (await runtime.send('probe.standard', { fail: true }))!;
      await waitFor('failure', async () => (await jobState(database, id)) === 'failed', 40_000);
      const attempts = (await probeRows(database, 'probe.standard'))
        .filter((r) => r.job_id === id)
        .map((r) => r.attempt);
      assert.deepEqual(attempts, [0, 1, 2], 'first try and two retries');
      const dead = await waitFor('dead letter', async () => {
        const state = await runtime.state();
        return state.find((q) => q.name === 'probe.standard' && q.dead === 1);
      });
      assert.equal(dead.failed, 1);
    });

    test('unknown job names are refused', async () => {
      await assert.rejects(runtime.send('no.such.job', {}), /There is no job named no.such.job/);
    });
  });
}

describe('job runtime across worker processes (PostgreSQL)', {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL',
}, () => {
  let database: TestDatabase;
  let sender: JobRuntime;
  const workers: TestProcess[] = [];

  /** A worker process in its own process group; killed in `after` (or when this file ends) whatever happens. */
  async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
    const worker = startProcess(null, process.execPath, ['--import', 'tsx', 'test/fixtures/probe-worker.ts'], {
      env: { ...process.env, PROBE_DATABASE_URL: database.url!, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      name: 'probe worker',
    });
    workers.push(worker);
    await worker.waitForOutput(/ready/);
    return worker.child;
  }
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
    );

  before(async () => {
    database = await createTestDatabase('postgres');
    await database.exec(probeLogSql);
    sender = await JobRuntime.start({
      database,
      secrets: new SecretBox(randomBytes(32)),
      lookup: () => undefined,
      log: createLogger('silent'),
      definitions: probeDefinitions,
      work: false,
      supervise: false,
      concurrency: 1,
      superviseSeconds: 30,
    });
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL', 0)));
    await sender.stop(1);
    await database.dispose();
  });

  test('two workers share a queue, and a singleton job never runs twice at once', async () => {
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    for (let i = 0; i < 16; i++) await sender.send('probe.standard', { ms: 300 });
    for (let i = 0; i < 6; i++)
      await sender.send('probe.singleton', { key: 'AJIO-1', ms: 300 }, { singletonKey: 'AJIO-1' });
    await waitFor(
      'all probes done',
      async () => {
        const rows = [
          ...(await probeRows(database, 'probe.standard')),
          ...(await probeRows(database, 'probe.singleton')),
        ];
        return rows.length === 22 && rows.every((r) => r.finished_at);
      },
      60_000,
    );
    const standard = await probeRows(database, 'probe.standard');
    assert.deepEqual(new Set(standard.map((r) => r.pid)), new Set([a.pid, b.pid]), 'both processes took work');
    const singleton = await probeRows(database, 'probe.singleton');
    for (let i = 1; i < singleton.length; i++) {
      assert.ok(
        singleton[i].started_at >= singleton[i - 1].finished_at!,
        `singleton run ${i} started before run ${i - 1} finished`,
      );
    }
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    assert.deepEqual(await Promise.all([exited(a), exited(b)]), [0, 0]);
  });

  test('killing a worker in the middle of a job loses no job: another worker finishes it', async () => {
    await database.exec('truncate probe_log');
    const doomed = await startWorker();
    const id = (await sender.send('probe.standard', { firstAttemptMs: 60_000, ms: 50 }))!;
    await waitFor('the job to start in the doomed worker', async () =>
      (await probeRows(database, 'probe.standard')).some((r) => r.job_id === id && r.pid === doomed.pid),
    );
    doomed.kill('SIGKILL');
    await exited(doomed);
    const survivor = await startWorker();
    await waitFor('the job to complete', async () => (await jobState(database, id)) === 'completed', 40_000);
    const runs = (await probeRows(database, 'probe.standard')).filter((r) => r.job_id === id);
    assert.equal(runs.at(-1)!.pid, survivor.pid);
    assert.ok(runs.at(-1)!.finished_at);
    survivor.kill('SIGTERM');
    await exited(survivor);
  });

  test('SIGTERM drains: the job in flight finishes before the worker exits', async () => {
    await database.exec('truncate probe_log');
    const worker = await startWorker();
    const id = (await sender.send('probe.standard', { ms: 1500 }))!;
    await waitFor('the job to start', async () =>
      (await probeRows(database, 'probe.standard')).some((r) => r.job_id === id),
    );
    worker.kill('SIGTERM');
    assert.equal(await exited(worker), 0);
    assert.equal(await jobState(database, id), 'completed');
  });
});
