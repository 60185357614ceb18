import type { Database } from '../../db/connect.ts';
import type { ChannelReadContext, StockReading } from '../channel-descriptor.ts';
import { loginRefusalOf } from '../channel-login.ts';
import { ChannelService, type DescriptorLookup } from '../channels.ts';
import { AppError } from '../errors.ts';
import { sourceWarehouseIds } from '../inventory/available.ts';
import type { SecretBox } from '../secrets.ts';
import { listContractDrift } from '../sync/contract-guard.ts';
import { poRows } from './po-statuses.ts';
import { readiness } from './ready-summary.ts';
import { coverageOf, skuRows } from './sku-figures.ts';
import { wouldSend } from './would-send.ts';

/**
 * The cut-over report of a channel: the "Ready to go live?" summary, then per SKU Weft's figure against
 * the marketplace's current one, per PO Weft's status against the marketplace's, mapping coverage, and
 * what Weft withheld in the last `hours`. The marketplace is read now, through the channel's descriptor;
 * a read that fails is said in the report, never shown as zeros.
 */
export interface CutoverDeps {
  database: Database;
  secrets: SecretBox;
  lookup: DescriptorLookup;
}

export type CutoverReport = Awaited<ReturnType<typeof cutoverReport>>;

export async function cutoverReport(deps: CutoverDeps, code: string, options: { hours: number; entries?: number }) {
  const { database } = deps;
  const row = await new ChannelService(database.db, deps.secrets, deps.lookup).row(code);
  const descriptor = deps.lookup(row.type);
  if (!descriptor)
    throw new AppError('invalid', `Channel ${row.code} is of type "${row.type}", which Weft does not know.`);
  const m = descriptor.displayName;
  const context: ChannelReadContext | null = row.credentials
    ? {
        database,
        channel: {
          id: row.id,
          code: row.code,
          name: row.name,
          warehouseId: row.warehouseId,
          warehouseCode: row.warehouseCode,
        },
        settings: row.settings,
        credentials: deps.secrets.openJson(row.credentials),
      }
    : null;

  let reading: StockReading | null = null;
  let stockReadError: string | null = null;
  if (!descriptor.readStock) stockReadError = `${m} channels cannot read the marketplace's stock figures`;
  else if (!context) stockReadError = `Channel ${row.code} has no interface credentials: configure the interface first`;
  else {
    try {
      reading = await descriptor.readStock(context);
    } catch (error) {
      stockReadError = (error as Error).message;
    }
  }
  const warehouseIds = await sourceWarehouseIds(database, row.warehouseId, descriptor.policy(row.settings).stockSource);
  const [skus, pos, sent] = await Promise.all([
    skuRows(database, { channelId: row.id, warehouseIds, reading, readError: stockReadError, marketplaceName: m }),
    poRows(database, { descriptor, context, hours: options.hours }),
    wouldSend(database, { channelId: row.id, hours: options.hours, limit: options.entries }),
  ]);
  // Read after the marketplace was read: the reads above may themselves have raised drift.
  const drift = await listContractDrift(database, row.id);
  const loginRefused = loginRefusalOf(row);
  const summary = readiness({
    marketplace: m,
    mode: row.mode,
    hours: options.hours,
    loginRefused,
    drift,
    stockReadError,
    skus,
    pos: pos.rows,
    poReadError: pos.readError,
    wouldSendTotal: sent.total,
  });
  return {
    channel: { code: row.code, name: row.name, type: row.type, marketplace: m, mode: row.mode },
    generatedAt: new Date(),
    hours: options.hours,
    summary: { ...summary, openDrift: drift.length, loginRefused: loginRefused?.reason ?? null },
    coverage: coverageOf(skus),
    stock: { read: reading !== null, complete: reading?.complete ?? false, error: stockReadError },
    skus,
    pos: { read: pos.readError === null, error: pos.readError, items: pos.rows },
    wouldSend: sent,
  };
}
