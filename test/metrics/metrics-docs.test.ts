import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { parsePrometheusText, type Family } from '../helpers/prometheus-text.ts';

/**
 * The documents that come with the metrics stay true to them: the Grafana dashboard is valid JSON and
 * uses only metrics /metrics serves; docs/metrics.md lists every metric served and none that is not.
 */
const docs = new URL('../../docs/', import.meta.url);
const token = 'docs-check-token-0123456789';

interface Panel {
  type: string;
  title: string;
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: Array<{ expr: string; refId: string; datasource?: unknown }>;
}

/** A sample name to its family: histogram samples carry _bucket, _sum and _count. */
function familyName(name: string, families: Map<string, Family>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && families.get(base)?.type === 'histogram') return base;
  }
  return name;
}

for (const kind of databaseKinds) {
  describe(`metrics documents (${kind})`, () => {
    let t: TestApp;
    let families: Map<string, Family>;
    before(async () => {
      t = await createTestApp(kind, { metrics: { token, cacheMs: 0 } });
      await t.call('GET', '/health', { as: null });
      const response = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 200);
      families = parsePrometheusText(response.body);
    });
    after(() => t.close());

    test('the Grafana dashboard is JSON whose every query uses metrics /metrics serves', () => {
      const dashboard = JSON.parse(readFileSync(new URL('grafana-dashboard.json', docs), 'utf8'));
      assert.equal(typeof dashboard.title, 'string');
      assert.equal(typeof dashboard.uid, 'string');
      const panels = dashboard.panels as Panel[];
      const queries: string[] = [];
      for (const panel of panels) {
        assert.ok(panel.gridPos, `${panel.title} has a place`);
        if (panel.type === 'row') continue;
        assert.ok(panel.targets?.length, `${panel.title} has queries`);
        for (const target of panel.targets!) {
          assert.ok(target.refId && target.datasource, `${panel.title}: refId and data source`);
          queries.push(target.expr);
        }
      }
      for (const variable of dashboard.templating.list) if (variable.definition) queries.push(variable.definition);
      const used = new Set(queries.flatMap((q) => q.match(/\b(weft|process|nodejs)_[a-z0-9_]+/g) ?? []));
      assert.ok(used.size >= 17, `the dashboard uses ${used.size} metrics`);
      const unknown = [...used].filter((name) => !families.has(familyName(name, families)));
      assert.deepEqual(unknown, [], 'metrics the dashboard uses that /metrics does not serve');
    });

    test('docs/metrics.md lists every metric served, and only those', () => {
      const text = readFileSync(new URL('metrics.md', docs), 'utf8');
      const served = [...families.keys()].filter((name) => name.startsWith('weft_'));
      const listed = new Set(text.match(/\bweft_[a-z0-9_]+/g) ?? []);
      assert.deepEqual(
        served.filter((name) => !listed.has(name)),
        [],
        'metrics served but not described in docs/metrics.md',
      );
      assert.deepEqual(
        [...listed].filter((name) => !families.has(familyName(name, families))),
        [],
        'metrics docs/metrics.md names that /metrics does not serve',
      );
    });

    test('the example scrape configuration reads /metrics with the token from a file, and the metrics addresses', () => {
      const config = readFileSync(new URL('prometheus.yml', docs), 'utf8');
      assert.match(config, /metrics_path: \/metrics/);
      assert.match(config, /type: Bearer\n\s+credentials_file: /);
      assert.match(config, /:9464/);
      assert.ok(!config.includes('\t'), 'YAML is indented with spaces');
    });
  });
}
