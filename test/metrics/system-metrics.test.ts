import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus-text.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import type { Database } from '../../src/db/connect.ts';

/**
 * Scrapes cannot load the database: one read serves every gauge of a scrape, reads are kept for the
 * cache period, and scrapes arriving together share one read. A database that does not answer leaves
 * the database gauges out and says so, while the process's own metrics are still served.
 */
for (const kind of databaseKinds) {
  describe(`metrics database reads (${kind})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(() => database.dispose());

    /** The database, counting the statements the metrics send. */
    const counted = () => {
      const counter = { statements: 0 };
      const wrapped = Object.create(database) as Database;
      wrapped.query = ((text: string, params?: unknown[]) => {
        counter.statements++;
        return database.query(text, params);
      }) as Database['query'];
      return { wrapped, counter };
    };

    test('one read per cache period, shared by scrapes arriving together', async () => {
      const { wrapped, counter } = counted();
      let queueReads = 0;
      const metrics = createMetrics({
        database: wrapped,
        queues: async () => {
          queueReads++;
          return [];
        },
        cacheMs: 60_000,
      });
      const texts = await Promise.all([metrics.render(), metrics.render(), metrics.render()]);
      for (const text of texts)
        assert.equal(sampleValue(parsePrometheusText(text), 'weft_metrics_database_read_ok'), 1);
      const perRead = counter.statements;
      assert.ok(perRead > 0 && perRead <= 8, `one set of queries per read (${perRead})`);
      assert.equal(queueReads, 1);
      await metrics.render();
      assert.equal(counter.statements, perRead, 'a scrape within the cache period reads nothing');

      const uncached = createMetrics({ database: wrapped, queues: async () => [], cacheMs: 0 });
      const before = counter.statements;
      await uncached.render();
      assert.equal(counter.statements - before, perRead, 'one set per scrape, whatever the number of gauges');
    });

    test('a database that does not answer: read_ok 0, no database gauges, the process metrics still served', async () => {
      const down = Object.create(database) as Database;
      down.query = (() => Promise.reject(new Error('connection refused'))) as Database['query'];
      const metrics = createMetrics({ database: down, queues: async () => [], cacheMs: 0 });
      const families = parsePrometheusText(await metrics.render());
      assert.equal(sampleValue(families, 'weft_metrics_database_read_ok'), 0);
      assert.equal(families.get('weft_workers_live')?.samples.length, 0);
      assert.ok(families.has('weft_http_request_duration_seconds'));
      assert.ok(families.has('process_resident_memory_bytes'));
    });
  });
}
