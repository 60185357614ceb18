// The demo's starting state: users, a warehouse, the SKU master matching the sandbox catalogue,
// stock, and an AJIO JIT channel pointed at the sandbox, followed by the first pulls. Every step
// finds what a previous demo run on the same data folder left and reuses it, so `--data-dir` resumes.
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { channelDescriptor } from '../channels/registry.ts';
import { importSkuCsv } from '../core/catalog/sku-import.ts';
import { ChannelService, type ChannelView } from '../core/channels.ts';
import { AppError } from '../core/errors.ts';
import { moveStock } from '../core/inventory/movements.ts';
import type { SecretBox } from '../core/secrets.ts';
import { requestRun, type SendJob } from '../core/sync/execute.ts';
import { getRun, type SyncRun } from '../core/sync/runs.ts';
import { authenticate, createUser, issueToken, updateUser } from '../core/users/users.ts';
import { createWarehouse, getWarehouse, type Warehouse } from '../core/warehouses.ts';
import type { Database } from '../db/connect.ts';
import { inventoryLevels, skus, type Role } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { SandboxControl, type CatalogProduct } from '../sandbox/ajio/control-client.ts';

export const demoWarehouse = {
  code: 'DEMO1',
  name: 'Demo warehouse, Bhiwandi',
  gstin: '27AAACR5055K1Z7',
  address: 'Gala 12, Rahnal Logistics Park, Mumbai-Nashik Highway',
  city: 'Bhiwandi',
  stateCode: '27',
  pincode: '421302',
};
const channelName = 'AJIO JIT Demo';
const actor = 'demo';

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
}

/** The demo's admin and operator, with fresh random passwords (printed, never stored in clear). */
export function demoUsers(): DemoUser[] {
  // Letters and digits only, without look-alikes, so a password read off a terminal types cleanly.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const password = () => Array.from({ length: 14 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [
    { username: 'admin', password: password(), role: 'admin' },
    { username: 'operator', password: password(), role: 'operator' },
  ];
}

export interface DemoSandboxRef {
  /** Base URL of the AJIO contract (origin + prefix). */
  url: string;
  /** scheme://host:port, where the control API lives. */
  origin: string;
  seller: { username: string; password: string };
}

export interface SeedOptions {
  database: Database;
  secrets: SecretBox;
  send: SendJob;
  log: Logger;
  sandbox: DemoSandboxRef;
  users: DemoUser[];
  /** Units put on hand per SKU (default 25). */
  stockPerSku?: number;
  /** How long to wait for the first SKU pull before going on (default 60 s). */
  skuPullTimeoutMs?: number;
}

export interface DemoSeed {
  warehouse: string;
  channel: ChannelView;
  skus: number;
  skuPull: SyncRun;
  /** A bearer token of the operator, so the printed curl lines work as they are. */
  operatorToken: string;
}

/** Creates the user, or sets the printed password on the one a previous run made. */
async function ensureUser(database: Database, user: DemoUser): Promise<void> {
  try {
    await createUser(database.db, user, actor);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    await updateUser(database.db, user.username, { password: user.password, role: user.role, active: true }, actor);
  }
}

async function ensureWarehouse(database: Database): Promise<Warehouse> {
  try {
    return await getWarehouse(database.db, demoWarehouse.code);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    return createWarehouse(database.db, demoWarehouse, actor);
  }
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The SKU master a seller would hold for this catalogue: seller SKU as code, so moderation links every listing. */
export function skuMasterCsv(catalog: CatalogProduct[]): string {
  const rows = ['code,ean,name,brand,style,size,colour,hsn,mrp'];
  for (const product of catalog) {
    for (const v of product.variants) {
      rows.push(
        [
          v.sellerSku,
          v.ean,
          `${product.title} ${v.size}`,
          product.brand,
          product.productId,
          v.size,
          v.color,
          product.hsn,
          v.mrp,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

/** Inbound "demo stock" for every SKU the warehouse holds none of yet, in one transaction. */
async function addStock(database: Database, warehouse: Warehouse, codes: string[], quantity: number): Promise<void> {
  await database.db.transaction(async (tx) => {
    const stocked = new Set(
      (
        await tx
          .select({ skuId: inventoryLevels.skuId })
          .from(inventoryLevels)
          .where(eq(inventoryLevels.warehouseId, warehouse.id))
      ).map((r) => r.skuId),
    );
    const wanted = new Set(codes);
    for (const sku of await tx.select({ id: skus.id, code: skus.code }).from(skus)) {
      if (!wanted.has(sku.code) || stocked.has(sku.id)) continue;
      await moveStock(
        tx,
        { warehouseId: warehouse.id, skuId: sku.id, kind: 'inbound', quantity, reason: 'demo stock', actor },
        { warehouse: warehouse.code, sku: sku.code },
      );
    }
  });
}

/** Yesterday's date in IST, so the first order pull also sees POs AJIO raised overnight. */
export function yesterdayIst(now = new Date()): string {
  return new Date(now.getTime() + 330 * 60_000 - 86_400_000).toISOString().slice(0, 10);
}

async function ensureChannel(options: SeedOptions): Promise<ChannelView> {
  const service = new ChannelService(options.database.db, options.secrets, channelDescriptor);
  const since = yesterdayIst();
  const settings = {
    orderSyncFrom: since,
    returnSyncFrom: since,
    baseUrl: options.sandbox.url,
    orders: { orderSync: true, returnOrderSync: true },
    inventory: { enabled: true, mode: 'realtime' },
    reconciliation: { enabled: true },
  };
  const credentials = { ...options.sandbox.seller, isB2B: 'Yes' };
  // On a resumed data folder the sandbox may listen elsewhere now: point the channel at it again.
  const existing = (await service.list()).find((c) => c.type === 'ajio-jit' && c.warehouse === demoWarehouse.code);
  if (existing) return service.update(existing.code, { settings, interface: credentials, status: 'active' }, actor);
  // The demo channel is created live: its marketplace is the sandbox, and the tour picks, packs and
  // dispatches. A real channel starts in shadow and is moved to canary, then live, by an admin.
  return service.create(
    {
      type: 'ajio-jit',
      name: channelName,
      warehouse: demoWarehouse.code,
      settings,
      interface: credentials,
      mode: 'live',
    },
    actor,
  );
}

const finished = new Set(['succeeded', 'partial', 'failed', 'cancelled']);

async function waitForRun(database: Database, runId: number, timeoutMs: number): Promise<SyncRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(database.db, runId);
    if (finished.has(run.status) || Date.now() >= deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function seedDemo(options: SeedOptions): Promise<DemoSeed> {
  const { database, send, log } = options;
  for (const user of options.users) await ensureUser(database, user);
  const warehouse = await ensureWarehouse(database);

  const control = new SandboxControl(options.sandbox.origin);
  const catalog = await control.getCatalog(options.sandbox.seller.username);
  const imported = await importSkuCsv(database, skuMasterCsv(catalog), { actor });
  if (imported.failed > 0) {
    const first = imported.errors[0];
    throw new AppError('invalid', `The demo SKU master did not import (line ${first.line}: ${first.message}).`);
  }
  const codes = catalog.flatMap((p) => p.variants.map((v) => v.sellerSku));
  await addStock(database, warehouse, codes, options.stockPerSku ?? 25);

  const channel = await ensureChannel(options);
  const request = (stream: string) =>
    requestRun(database, channelDescriptor, send, { channelCode: channel.code, stream, trigger: 'manual' });
  // Orders are pulled only once listings are linked, so every PO line finds its SKU on arrival.
  const skuPull = await waitForRun(database, (await request('skus')).id, options.skuPullTimeoutMs ?? 60_000);
  if (!finished.has(skuPull.status))
    log.warn({ runId: skuPull.id }, 'the first SKU pull is still running; orders will follow it');
  else if (skuPull.status !== 'succeeded')
    log.warn({ runId: skuPull.id, status: skuPull.status, error: skuPull.error }, 'the first SKU pull did not succeed');
  await request('backorders');
  await request('orders');

  const operator = options.users.find((u) => u.role === 'operator') ?? options.users[0];
  const user = await authenticate(database.db, operator.username, operator.password);
  const { token } = await issueToken(database.db, user, 'demo');
  return { warehouse: warehouse.code, channel, skus: codes.length, skuPull, operatorToken: token };
}
