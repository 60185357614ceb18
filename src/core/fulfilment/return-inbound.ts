import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connect.ts';
import { audit } from '../audit.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { moveStock } from '../inventory/movements.ts';
import { getReturn, type ReturnLine, type ReturnSummary } from '../returns.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Return inbound: a return pulled from the marketplace arrives CONFIRMED (the seed: "Users need to do
 * an inbound from Return Inbound functionality"). Receiving starts it; each unit is scanned and QC'd —
 * good goes back on hand, bad to damaged — through the inventory ledger at the channel's warehouse;
 * closing ends it, and units never received are reported missing. The marketplace's stock figure
 * follows from the ledger on the next inventory push.
 */
export type ReturnDetail = ReturnSummary & { lines: ReturnLine[] };

export interface QcOutcome {
  return: ReturnDetail;
  unit: { sku: string; result: 'good' | 'bad'; lineId: number; left: number };
  stock: { warehouse: string; onHand: number; damaged: number };
}

export interface CloseOutcome {
  return: ReturnDetail;
  received: { good: number; bad: number };
  /** Units the marketplace said were returned but never arrived. */
  missing: { lineId: number; sku: string; units: number }[];
}

type Header = {
  id: number;
  status: string;
  external_id: string;
  channel_id: number;
  warehouse_id: number;
  warehouse_code: string;
  channel_code: string;
};

/** The return's row, locked for this transaction so scans of one return queue up. */
async function lockReturn(tx: Db, returnId: number): Promise<Header> {
  const [row] = await queryRows<Header>(
    tx,
    sql`
    select r.id, r.status, r.external_id, r.channel_id, c.warehouse_id, w.code as warehouse_code, c.code as channel_code
    from return_orders r join channels c on c.id = r.channel_id join warehouses w on w.id = c.warehouse_id
    where r.id = ${returnId} for update of r`,
  );
  if (!row) throw notFound(`There is no return order ${returnId}.`);
  return row;
}

const name = (h: Header) => `return ${h.external_id}`;

export async function receiveReturn(database: Database, returnId: number, actor: string): Promise<ReturnDetail> {
  await database.db.transaction(async (tx) => {
    const header = await lockReturn(tx, returnId);
    if (header.status === 'closed') throw conflict(`The ${name(header)} is closed: its units were received already.`);
    if (header.status === 'receiving') return; // receiving again changes nothing
    await tx.execute(sql`update return_orders set status = 'receiving', updated_at = now() where id = ${returnId}`);
    await audit(tx, {
      actor,
      action: 'receive',
      entity: 'return',
      entityId: String(returnId),
      before: { status: 'confirmed' },
      after: { status: 'receiving' },
    });
  });
  return getReturn(database, returnId);
}

export async function qcUnit(
  database: Database,
  returnId: number,
  scanned: string,
  result: 'good' | 'bad',
  actor: string,
): Promise<QcOutcome> {
  const code = scanned?.trim();
  if (!code) throw invalid('Scan the unit: its SKU code or EAN.', 'code');
  if (result !== 'good' && result !== 'bad')
    throw invalid('The QC result is "good" (back to stock) or "bad" (damaged).', 'result');
  const outcome = await database.db.transaction(async (tx) => {
    const header = await lockReturn(tx, returnId);
    if (header.status === 'closed')
      throw conflict(`The ${name(header)} is closed: no more units can be received on it.`);
    if (header.status === 'confirmed')
      throw conflict(`The ${name(header)} has not been received yet: receive it first, then scan its units.`);
    const { line, sku } = await lineForUnit(tx, header, returnId, code);
    const column = result === 'good' ? sql`received_good = received_good + 1` : sql`received_bad = received_bad + 1`;
    await tx.execute(sql`update return_lines set ${column} where id = ${line.id}`);
    await tx.execute(sql`update return_orders set updated_at = now() where id = ${returnId}`);
    const level = await moveStock(
      tx,
      {
        warehouseId: Number(header.warehouse_id),
        skuId: Number(line.sku_id),
        kind: result === 'good' ? 'return_good' : 'return_bad',
        quantity: 1,
        actor,
        reason:
          result === 'good'
            ? `Return ${header.external_id}: passed QC, back to stock`
            : `Return ${header.external_id}: failed QC, damaged`,
        reference: header.external_id,
      },
      { warehouse: header.warehouse_code, sku: sku },
    );
    return {
      unit: { sku, result, lineId: Number(line.id), left: line.quantity - line.received_good - line.received_bad - 1 },
      stock: { warehouse: header.warehouse_code, ...level },
    };
  });
  return { return: await getReturn(database, returnId), ...outcome };
}

/**
 * The line of the return a scanned unit (SKU code, EAN or marketplace SKU) counts against: the first
 * matching line with units still to receive. Refuses, saying what to do, a unit that is unmapped, not
 * on the return, or one too many.
 */
async function lineForUnit(tx: Db, header: Header, returnId: number, code: string) {
  const lines = await queryRows<{
    id: number;
    sku_id: number | null;
    code: string | null;
    ean: string | null;
    channel_sku: string;
    quantity: number;
    received_good: number;
    received_bad: number;
  }>(
    tx,
    sql`
    select l.id, l.sku_id, s.code, s.ean, l.channel_sku, l.quantity, l.received_good, l.received_bad
    from return_lines l left join skus s on s.id = l.sku_id where l.return_id = ${returnId} order by l.id`,
  );
  const matching = lines.filter(
    (l) => l.sku_id !== null && (l.code === code || l.ean === code || l.channel_sku === code),
  );
  if (matching.length === 0) {
    const unmapped = lines.find((l) => l.sku_id === null && l.channel_sku === code);
    if (unmapped)
      throw conflict(
        `Marketplace SKU ${code} on the ${name(header)} is not mapped to a Weft SKU: map the listing, then scan the unit again.`,
      );
    const on = lines.map((l) => l.code ?? l.channel_sku).join(', ');
    throw conflict(
      `${code} is not on the ${name(header)} (it has ${on || 'no lines'}): keep the unit aside and check it against the return's paperwork.`,
    );
  }
  const line = matching.find((l) => l.quantity - l.received_good - l.received_bad > 0);
  const sku = matching[0].code!;
  if (!line) {
    const expected = matching.reduce((a, l) => a + l.quantity, 0);
    throw conflict(
      `All ${expected} unit${expected === 1 ? '' : 's'} of ${sku} on the ${name(header)} are received already: this one is extra — keep it aside.`,
    );
  }
  return { line, sku };
}

/**
 * Closes a return. `alsoInTransaction` runs inside the closing transaction, after the return is marked
 * closed — the credit note is planned there, so a closed return and its note land together or not at all.
 */
export async function closeReturn(
  database: Database,
  returnId: number,
  actor: string,
  alsoInTransaction?: (tx: Db) => Promise<void>,
): Promise<CloseOutcome> {
  const missing = await database.db.transaction(async (tx) => {
    const header = await lockReturn(tx, returnId);
    if (header.status === 'closed') throw conflict(`The ${name(header)} is closed already.`);
    if (header.status === 'confirmed')
      throw conflict(`The ${name(header)} has not been received yet: receive it and QC its units before closing it.`);
    const rows = await queryRows<{ id: number; sku: string; units: number }>(
      tx,
      sql`
      select l.id, coalesce(s.code, l.channel_sku) as sku, l.quantity - l.received_good - l.received_bad as units
      from return_lines l left join skus s on s.id = l.sku_id
      where l.return_id = ${returnId} and l.quantity > l.received_good + l.received_bad order by l.id`,
    );
    const missing = rows.map((r) => ({ lineId: Number(r.id), sku: r.sku, units: Number(r.units) }));
    await tx.execute(sql`update return_orders set status = 'closed', updated_at = now() where id = ${returnId}`);
    await audit(tx, {
      actor,
      action: 'close',
      entity: 'return',
      entityId: String(returnId),
      before: { status: 'receiving' },
      after: { status: 'closed', missing },
    });
    await alsoInTransaction?.(tx);
    return missing;
  });
  const detail = await getReturn(database, returnId);
  return {
    return: detail,
    received: detail.lines.reduce((a, l) => ({ good: a.good + l.receivedGood, bad: a.bad + l.receivedBad }), {
      good: 0,
      bad: 0,
    }),
    missing,
  };
}
