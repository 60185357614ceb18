import type { Database } from '../../../db/connect.ts';
import { noteContractCheck } from '../../../core/sync/contract-guard.ts';
import type { ParsedOrder } from '../../../core/orders/types.ts';
import { parseOrder } from '../parse/orders.ts';
import { type AjioCall, type AjioContractCheck, checkAnswer, driftSentence } from './index.ts';
import type { ContractDrift } from '../../../core/sync/contract-guard.ts';

/**
 * Runs the contract guard on an answer Weft just read and records what it found for the channel:
 * unknown fields as observations, fields the parser needs as drift events. Without a database (a
 * read that has none) the check is still made, so the caller can hold the records.
 */
export async function guardAnswer(
  database: Database | undefined,
  channelId: number,
  call: AjioCall,
  body: unknown,
): Promise<AjioContractCheck> {
  const check = checkAnswer(call, body);
  if (database && (check.unknownFields.length || check.drift.length))
    await noteContractCheck(database, channelId, call, check);
  return check;
}

const poNumberOf = (raw: unknown) => {
  const v = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).po_number : undefined;
  return (typeof v === 'string' && v.trim()) || (typeof v === 'number' && Number.isSafeInteger(v))
    ? String(v).trim()
    : '';
};
const orderIdOf = (raw: unknown) => {
  const v = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).order_id : undefined;
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};
const statusOf = (raw: unknown) => {
  const v = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).status : undefined;
  return typeof v === 'string' ? v : null;
};

/**
 * A PO as the parser would read it, unless the contract guard found drift in it: then it is held
 * with its payload (an unreadable order, on hold), never read with empty or zero fields. Without
 * `drift` the PO is checked on its own (a kept payload being reprocessed).
 */
export function parseGuardedOrder(raw: unknown, drift?: ContractDrift[]): ParsedOrder {
  const found = drift ?? checkAnswer('GET /orders', { orders: [raw] }).itemDrift.get(0);
  if (!found?.length) return parseOrder(raw);
  const poNumber = poNumberOf(raw);
  const externalId = orderIdOf(raw);
  const which = poNumber ? `PO ${poNumber}` : externalId ? `order ${externalId}` : 'a PO';
  return {
    unreadable: {
      poNumber,
      externalId,
      marketplaceStatus: statusOf(raw),
      raw,
      reason: `Contract drift: ${driftSentence('GET /orders', found)}. ${which} is held with its payload: reprocess it once AJIO's answer (or Weft's contract) is corrected.`,
    },
  };
}

/** Every PO of an answer, guarded: the check is recorded for the channel and drifting POs are held. */
export async function parseOrdersAnswer(
  database: Database | undefined,
  channelId: number,
  raws: unknown[],
  body: unknown = { orders: raws },
): Promise<ParsedOrder[]> {
  const check = await guardAnswer(database, channelId, 'GET /orders', body);
  return raws.map((raw, i) => parseGuardedOrder(raw, check.itemDrift.get(i) ?? []));
}
