import type { ReactNode } from 'react';
import { match, navigate } from './router.ts';
import type { Role } from './session.tsx';
import { ChannelList } from './screens/channels/ChannelList.tsx';
import { AddChannel } from './screens/channels/AddChannel.tsx';
import { ChannelMaintenance } from './screens/channels/ChannelMaintenance.tsx';
import { OrderList } from './screens/orders/OrderList.tsx';
import { OrderPage } from './screens/orders/OrderPage.tsx';
import { PackStation } from './screens/pack/PackStation.tsx';
import { Mappings } from './screens/mappings/Mappings.tsx';
import { SyncRuns } from './screens/sync-runs/SyncRuns.tsx';
import { SyncRunPage } from './screens/sync-runs/SyncRunPage.tsx';
import { PicklistList } from './screens/picklists/PicklistList.tsx';
import { PicklistPage } from './screens/picklists/PicklistPage.tsx';
import { ManifestList } from './screens/manifests/ManifestList.tsx';
import { ManifestPage } from './screens/manifests/ManifestPage.tsx';
import { InventoryLevels } from './screens/inventory/InventoryLevels.tsx';
import { InventoryItem } from './screens/inventory/InventoryItem.tsx';
import { ChannelInventory } from './screens/inventory/ChannelInventory.tsx';
import { ReconciliationReport } from './screens/inventory/ReconciliationReport.tsx';
import { ReturnList } from './screens/returns/ReturnList.tsx';
import { ReturnPage } from './screens/returns/ReturnPage.tsx';
import { Users } from './screens/users/Users.tsx';
import { BackOrders } from './screens/back-orders/BackOrders.tsx';

export interface Route {
  /** The least role that may open the page (the API enforces the same on every call). */
  role: Role;
  match(path: string): Record<string, string> | null;
  render(params: Record<string, string>, query: URLSearchParams): ReactNode;
}

const route = (pattern: string, role: Role, render: Route['render']): Route => ({
  role,
  match: (path) => match(pattern, path),
  render,
});

/** Every screen of the console; a new screen is one line here and one entry in the navigation. */
export const routes: Route[] = [
  route('/', 'viewer', () => {
    queueMicrotask(() => navigate('/channels', { replace: true }));
    return null;
  }),
  route('/channels', 'viewer', () => <ChannelList />),
  route('/channels/new', 'admin', () => <AddChannel />),
  route('/channels/:code', 'viewer', (p) => <ChannelMaintenance key={p.code} code={p.code} />),
  route('/channels/:code/mappings', 'viewer', (p, q) => <Mappings key={p.code} code={p.code} query={q} />),
  route('/channels/:code/inventory', 'viewer', (p, q) => <ChannelInventory key={p.code} code={p.code} query={q} />),
  route('/back-orders', 'viewer', (_, q) => <BackOrders query={q} />),
  route('/sync-runs', 'viewer', (_, q) => <SyncRuns query={q} />),
  route('/sync-runs/:id', 'viewer', (p) => <SyncRunPage key={p.id} id={Number(p.id)} />),
  route('/orders', 'viewer', (_, q) => <OrderList query={q} />),
  route('/orders/:id', 'viewer', (p) => <OrderPage key={p.id} id={Number(p.id)} />),
  route('/picklists', 'viewer', (_, q) => <PicklistList query={q} />),
  route('/picklists/:code', 'viewer', (p) => <PicklistPage key={p.code} code={p.code} />),
  route('/pack', 'operator', () => <PackStation />),
  route('/pack/:id', 'operator', (p) => <PackStation key={p.id} orderId={Number(p.id)} />),
  route('/manifests', 'viewer', (_, q) => <ManifestList query={q} />),
  route('/manifests/:code', 'viewer', (p) => <ManifestPage key={p.code} code={p.code} />),
  route('/inventory', 'viewer', (_, q) => <InventoryLevels query={q} />),
  route('/inventory/:warehouse/:sku', 'viewer', (p) => (
    <InventoryItem key={`${p.warehouse}/${p.sku}`} warehouse={p.warehouse} sku={p.sku} />
  )),
  route('/reconciliation-reports/:id', 'viewer', (p) => <ReconciliationReport key={p.id} id={Number(p.id)} />),
  route('/returns', 'viewer', (_, q) => <ReturnList query={q} />),
  route('/returns/:id', 'viewer', (p) => <ReturnPage key={p.id} id={Number(p.id)} />),
  route('/users', 'admin', (_, q) => <Users query={q} />),
];
