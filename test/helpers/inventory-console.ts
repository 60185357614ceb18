import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/db/schema.ts';
import { passwordOf } from './console.ts';
import { seller, type InventoryFixture, type Listing } from './inventory-fixture.ts';

/**
 * For the inventory screens' suites (API and browser): calls as any test user, the app on a real
 * port, and one scene with something to see on every screen — movements in a ledger, stock promised
 * to an order and to pendency, a push AJIO refused, and a reconciliation that found drift.
 */
const tokens = new WeakMap<InventoryFixture, Map<Role, string>>();

/** Calls the API as the test user of that role (admin1, operator1, viewer1), signed in through the token endpoint. */
export async function callAs(
  f: InventoryFixture,
  role: Role,
  method: string,
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  const byRole = tokens.get(f) ?? new Map();
  tokens.set(f, byRole);
  let token = byRole.get(role);
  if (!token) {
    const issued = await f.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { username: `${role}1`, password: passwordOf(role) },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    token = issued.json().token as string;
    byRole.set(role, token);
  }
  return f.app.inject({
    method: method as never,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

export interface InventoryScene {
  /** 10 in, 1 adjusted out, 2 promised to a PO and 1 to pendency: available 6. */
  busy: Listing;
  /** AJIO refused its push: status error with AJIO's message. */
  refused: Listing;
  /** Someone set AJIO's figure outside Weft: the reconciliation found and corrected the drift. */
  drifted: Listing;
  reportId: number;
}

/** Every listing has 6 on hand; then the busy, refused and drifted listings as described above. */
export async function createInventoryScene(f: InventoryFixture): Promise<InventoryScene> {
  const [busy, refused, drifted] = f.listings;
  await f.setOnHandAll(6);
  // The busy SKU's level comes from real movements, so its ledger explains it.
  await f.database.query('delete from inventory_levels where sku_id = $1', [busy.skuId]);
  for (const move of [
    { kind: 'inbound', quantity: 10, reason: 'GRN 4411 from the Surat mill', reference: 'GRN-4411' },
    { kind: 'adjust', quantity: -1, reason: 'Cycle count found one short', reference: 'CC-07' },
  ]) {
    const recorded = await callAs(f, 'operator', 'POST', '/api/inventory/movements', {
      warehouse: 'MUM1',
      sku: busy.skuCode,
      ...move,
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
  }
  await f.addOrder('5090100001', [{ listing: busy, quantity: 2 }]);
  await f.addPendency('FN9090000001', 'FN9090000001-1', busy, 1);

  const first = await f.run('inventory');
  assert.equal(first.status, 'succeeded', first.error ?? '');

  const token = await f.sandbox.login(seller.username, seller.password);
  const outside = await fetch(`${f.sandbox.url}/updateInventory`, {
    method: 'POST',
    headers: { apiKey: token, 'content-type': 'application/json' },
    body: JSON.stringify({
      inventoryList: [
        { sku: drifted.channelSku, productId: drifted.productId, variantId: drifted.variantId, inventory: 40 },
      ],
    }),
  });
  assert.equal(((await outside.json()) as { status: string }).status, 'SUCCESS');
  const reconcile = await f.run('reconcile');
  assert.equal(reconcile.status, 'succeeded', reconcile.error ?? '');
  const reports = (await f.call('GET', `/api/channels/${f.channelCode}/reconciliation-reports`)).json().items as {
    id: number;
  }[];
  assert.equal(reports.length, 1);

  // After the reconciliation, so that it does not correct this one: AJIO refuses the next push of it.
  await f.sandbox.control.failSkus([{ sku: refused.channelSku, message: 'LISTING_UNDER_MODERATION', count: 1 }]);
  await f.setOnHand(refused, 5);
  const push = await f.run('inventory');
  assert.equal(push.status, 'partial', push.error ?? '');
  return { busy, refused, drifted, reportId: reports[0].id };
}

/**
 * A reconciliation run while AJIO no longer lists the channel's last style (as when AJIO delists it);
 * the style is back afterwards, so later pushes find it. Its listings are in the report as missing.
 */
export async function reconcileWithLastStyleGone(
  f: InventoryFixture,
): Promise<{ reportId: number; missing: Listing[] }> {
  const products = f.sandbox.sandbox.state.sellers.get(seller.username)!.catalog.products;
  const gone = products.pop()!;
  try {
    const run = await f.run('reconcile');
    assert.equal(run.status, 'succeeded', run.error ?? '');
  } finally {
    products.push(gone);
  }
  const [latest] = (await f.call('GET', `/api/channels/${f.channelCode}/reconciliation-reports`)).json().items as {
    id: number;
  }[];
  return { reportId: latest.id, missing: f.listings.filter((l) => l.productId === gone.productId) };
}
