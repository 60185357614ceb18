import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { replayClean, replayJournal, replaySummary } from '../../src/channels/ajio-jit/replay.ts';

/** `weft replay`'s reading of a journal, line by line: what it checks, skips and reports. */
const line = (call: string, status: number | null, answerBody: unknown) =>
  JSON.stringify({ at: '2026-12-01T10:00:00.000Z', channel: 'AJIO0001', call, status, answerBody });

const pendency = (quantity: unknown) => ({
  orders: [
    {
      order_id: 'FN1',
      order_date: 1764583200,
      status: 'PENDENCY',
      order_lines: [{ order_item_id: 'FN1-1', sku: '460491724004', ordered_quantity: quantity }],
    },
  ],
  page: { number: 1, size: 50, totalElements: 1, totalPages: 1 },
});

describe('weft replay: reading a wire journal', () => {
  test('error answers, documents and unknown calls are skipped, not failed', () => {
    const report = replayJournal(
      [
        line('GET /orders', 500, { success: false, statusCode: 500, errorMessage: 'boom' }),
        line('GET document', 200, { document: true, contentType: 'application/pdf', bytes: 900 }),
        line('GET /orders', null, null),
        '',
      ].join('\n'),
    );
    assert.equal(replayClean(report), true);
    assert.deepEqual(
      report.skipped.map((s) => [s.line, s.call]),
      [
        [1, 'GET /orders'],
        [2, 'GET document'],
        [3, 'GET /orders'],
      ],
    );
    assert.equal(report.calls.size, 0);
  });

  test('a clean pendency answer passes; a re-typed quantity fails naming line, call and field', () => {
    const report = replayJournal(
      `${line('GET /orders/pendency', 200, pendency(2))}\n${line('GET /orders/pendency', 200, pendency('two'))}\n`,
    );
    assert.deepEqual(report.calls.get('GET /orders/pendency'), { checked: 2, passed: 1 });
    assert.equal(report.failures.length, 1);
    const [failure] = report.failures;
    assert.equal(failure.line, 2);
    assert.equal(failure.call, 'GET /orders/pendency');
    assert.equal(failure.field, 'orders[*].order_lines[*].ordered_quantity');
    const text = replaySummary(report, 'j.ndjson');
    assert.match(text, /^j\.ndjson: 2 answer\(s\) checked, 1 passed, 1 failure\(s\), 0 line\(s\) skipped\./);
    assert.match(
      text,
      /FAIL line 2 GET \/orders\/pendency: orders\[\*\]\.order_lines\[\*\]\.ordered_quantity: expected/,
    );
    assert.match(text, /Drift:/);
  });

  test('fields the contract does not know are noted, not failed', () => {
    const body = pendency(1);
    (body.orders[0] as Record<string, unknown>).gift_wrap = true;
    const report = replayJournal(line('GET /orders/pendency', 200, body));
    assert.equal(replayClean(report), true);
    assert.deepEqual([...(report.unknownFields.get('GET /orders/pendency') ?? [])], ['orders[*].gift_wrap']);
  });

  test('a malformed line is a failure that says what a line must be', () => {
    const report = replayJournal(`${line('GET /orders/pendency', 200, pendency(1))}\n[1, 2]\n{"status": 200}\n`);
    assert.equal(replayClean(report), false);
    assert.deepEqual(
      report.failures.map((f) => [f.line, f.field]),
      [
        [2, '(the line)'],
        [3, '(the line)'],
      ],
    );
    assert.match(report.failures[0].message, /line 2 is not a wire journal entry: it is not a JSON object/);
    assert.match(report.failures[1].message, /line 3 is not a wire journal entry: it has no "call"/);
  });
});
