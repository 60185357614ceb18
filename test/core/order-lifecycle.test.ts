import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allocatingStates,
  arrivalStatus,
  canMove,
  finalStates,
  marketplaceReport,
  orderStates,
  stockEffect,
  transitions,
  type Cause,
} from '../../src/core/orders/lifecycle.ts';
import { allocatingStatuses } from '../../src/core/inventory/available.ts';
import type { OrderStatus } from '../../src/db/schema.ts';

/** The order lifecycle's table, as a seller reads it: who may move a PO where, and what it does to stock. */
type Reported = Exclude<OrderStatus, 'on_hold'>;
const reportable: Reported[] = ['open', 'packed', 'ready_to_ship', 'shipped', 'delivered', 'cancelled'];

describe('order lifecycle: the transition table', () => {
  test('the warehouse packs: picklist or first box, then finish; nothing else moves a PO to packed', () => {
    assert.ok(canMove('open', 'picking', 'warehouse'));
    assert.ok(canMove('open', 'packed', 'warehouse'));
    assert.ok(canMove('picking', 'packed', 'warehouse'));
    for (const by of ['intake', 'weft', 'marketplace'] as Cause[]) {
      for (const from of orderStates) assert.ok(!canMove(from, 'packed', by), `${by} cannot pack from ${from}`);
    }
  });

  test('ready to ship comes from packed only (labels at pack, or the manifest); shipped only from ready to ship, by the dispatch', () => {
    for (const from of orderStates) {
      assert.equal(canMove(from, 'ready_to_ship', 'weft'), from === 'packed', `weft ${from} → ready_to_ship`);
      assert.equal(canMove(from, 'ready_to_ship', 'warehouse'), from === 'packed', `warehouse ${from} → ready_to_ship`);
      assert.equal(canMove(from, 'shipped', 'weft'), from === 'ready_to_ship', `weft ${from} → shipped`);
      assert.ok(!canMove(from, 'ready_to_ship', 'marketplace'), `a report never makes ${from} ready to ship`);
      assert.ok(!canMove(from, 'shipped', 'marketplace'), `a report never ships ${from}`);
    }
  });

  test('a marketplace report may cancel a PO not yet shipped, or deliver a shipped one, and nothing else', () => {
    const moves = transitions
      .filter((t) => t.by.includes('marketplace'))
      .flatMap((t) => t.from.map((from) => `${from}→${t.to}`))
      .sort();
    assert.deepEqual(moves, [
      'on_hold→cancelled',
      'open→cancelled',
      'packed→cancelled',
      'picking→cancelled',
      'ready_to_ship→cancelled',
      'shipped→delivered',
    ]);
  });

  test('nothing leaves delivered or cancelled, and nothing goes back to open or on hold but a release from hold', () => {
    for (const t of transitions) {
      for (const from of t.from) assert.ok(!finalStates.includes(from), `${from} is final`);
      if (t.to === 'open') assert.deepEqual([...t.from], ['on_hold']);
      assert.notEqual(t.to, 'on_hold');
    }
  });

  test('what each move does to stock follows the allocating states, which are the ones the inventory figure counts', () => {
    assert.deepEqual([...allocatingStates].sort(), [...allocatingStatuses].sort());
    assert.equal(stockEffect('on_hold', 'open'), 'allocate');
    assert.equal(stockEffect('open', 'picking'), 'none');
    assert.equal(stockEffect('picking', 'packed'), 'none');
    assert.equal(stockEffect('ready_to_ship', 'shipped'), 'ship');
    assert.equal(stockEffect('packed', 'cancelled'), 'release');
    assert.equal(stockEffect('shipped', 'delivered'), 'none');
  });

  test('every state but a final one has a move out of it', () => {
    for (const s of orderStates) {
      const out = transitions.some((t) => t.from.includes(s));
      assert.equal(out, !finalStates.includes(s), `${s}: ${out ? 'has' : 'has no'} move out`);
    }
  });

  test('marketplace reports: a step Weft took is confirmed, a step ahead of the warehouse is kept and waits', () => {
    // The prefetch echo (finding 1): AJIO says READY_TO_DISPATCH before anything is packed.
    for (const current of ['open', 'picking'] as OrderStatus[]) {
      const r = marketplaceReport(current, 'ready_to_ship');
      assert.equal(r.to, null);
      assert.match(r.kept!, /pack it at the pack station/);
      assert.equal(marketplaceReport(current, 'packed').to, null);
      assert.equal(marketplaceReport(current, 'shipped').to, null);
    }
    // "Ready to ship at manifest": AJIO's READY_TO_DISPATCH does not make a packed PO ready.
    assert.equal(marketplaceReport('packed', 'ready_to_ship').to, null);
    assert.deepEqual(marketplaceReport('ready_to_ship', 'ready_to_ship'), { to: null, kept: null });
    assert.deepEqual(marketplaceReport('ready_to_ship', 'packed'), { to: null, kept: null }, 'never undone');
    assert.deepEqual(marketplaceReport('shipped', 'open'), { to: null, kept: null }, 'never undone');
    assert.equal(marketplaceReport('shipped', 'delivered').to, 'delivered');
    assert.equal(marketplaceReport('ready_to_ship', 'delivered').to, null, 'a delivery does not skip the dispatch');
    for (const current of ['on_hold', 'open', 'picking', 'packed', 'ready_to_ship'] as OrderStatus[]) {
      assert.equal(
        marketplaceReport(current, 'cancelled').to,
        'cancelled',
        `${current} is cancelled by the marketplace`,
      );
    }
    assert.equal(marketplaceReport('shipped', 'cancelled').to, null);
    assert.match(marketplaceReport('shipped', 'cancelled').kept!, /cancelled, but it is shipped/);
  });

  test('every report the table allows is a move of the table', () => {
    for (const current of orderStates) {
      for (const reported of reportable) {
        const r = marketplaceReport(current, reported);
        if (r.to) assert.ok(canMove(current, r.to, 'marketplace'), `${current} + ${reported} → ${r.to}`);
      }
    }
  });

  test('a PO Weft first sees starts open even when AJIO already says packed or ready; one that left is recorded as it is', () => {
    assert.equal(arrivalStatus('open'), 'open');
    assert.equal(arrivalStatus('packed'), 'open');
    assert.equal(arrivalStatus('ready_to_ship'), 'open');
    assert.equal(arrivalStatus('cancelled'), 'cancelled');
    assert.equal(arrivalStatus('shipped'), 'shipped');
    assert.equal(arrivalStatus('delivered'), 'delivered');
  });
});
