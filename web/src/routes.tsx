import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { match, navigate } from './router.ts';
import type { Role } from './session.tsx';
import { Notice } from './components/Notice.tsx';
// In the first download: the landing screen, the orders and the pack station (the floor's screens).
import { ChannelList } from './screens/channels/ChannelList.tsx';
import { OrderList } from './screens/orders/OrderList.tsx';
import { PackStation } from './screens/pack/PackStation.tsx';

/**
 * A screen fetched when first opened, so the first paint waits only for the screens above. A fetch
 * that fails (offline, or Weft updated since this page loaded) says so instead of a blank page.
 */
const screen = <P extends object>(load: () => Promise<ComponentType<P>>) =>
  lazy(() =>
    load().then(
      (component) => ({ default: component }),
      () => ({
        default: () => (
          <Notice kind="error">
            This screen could not be loaded (the network, or Weft was updated): reload the page.
          </Notice>
        ),
      }),
    ),
  );

const AddChannel = screen(() => import('./screens/channels/AddChannel.tsx').then((m) => m.AddChannel));
const ChannelMaintenance = screen(() =>
  import('./screens/channels/ChannelMaintenance.tsx').then((m) => m.ChannelMaintenance),
);
const CutoverReport = screen(() => import('./screens/channels/CutoverReport.tsx').then((m) => m.CutoverReport));
const OrderPage = screen(() => import('./screens/orders/OrderPage.tsx').then((m) => m.OrderPage));
const Mappings = screen(() => import('./screens/mappings/Mappings.tsx').then((m) => m.Mappings));
const SyncRuns = screen(() => import('./screens/sync-runs/SyncRuns.tsx').then((m) => m.SyncRuns));
const SyncRunPage = screen(() => import('./screens/sync-runs/SyncRunPage.tsx').then((m) => m.SyncRunPage));
const PicklistList = screen(() => import('./screens/picklists/PicklistList.tsx').then((m) => m.PicklistList));
const PicklistPage = screen(() => import('./screens/picklists/PicklistPage.tsx').then((m) => m.PicklistPage));
const ManifestList = screen(() => import('./screens/manifests/ManifestList.tsx').then((m) => m.ManifestList));
const ManifestPage = screen(() => import('./screens/manifests/ManifestPage.tsx').then((m) => m.ManifestPage));
const InventoryLevels = screen(() => import('./screens/inventory/InventoryLevels.tsx').then((m) => m.InventoryLevels));
const StockImport = screen(() => import('./screens/inventory/StockImport.tsx').then((m) => m.StockImport));
const InventoryItem = screen(() => import('./screens/inventory/InventoryItem.tsx').then((m) => m.InventoryItem));
const ChannelInventory = screen(() =>
  import('./screens/inventory/ChannelInventory.tsx').then((m) => m.ChannelInventory),
);
const ReconciliationReport = screen(() =>
  import('./screens/inventory/ReconciliationReport.tsx').then((m) => m.ReconciliationReport),
);
const ReturnList = screen(() => import('./screens/returns/ReturnList.tsx').then((m) => m.ReturnList));
const ReturnPage = screen(() => import('./screens/returns/ReturnPage.tsx').then((m) => m.ReturnPage));
const Users = screen(() => import('./screens/users/Users.tsx').then((m) => m.Users));
const GstRegister = screen(() => import('./screens/gst-register/GstRegister.tsx').then((m) => m.GstRegister));
// The dashboard brings uPlot (charts) with it: fetched only when the dashboard is opened.
const Dashboard = screen(() => import('./screens/dashboard/Dashboard.tsx').then((m) => m.Dashboard));
const Warehouses = screen(() => import('./screens/master-data/Warehouses.tsx').then((m) => m.Warehouses));
const SkuMaster = screen(() => import('./screens/master-data/SkuMaster.tsx').then((m) => m.SkuMaster));
const Buffers = screen(() => import('./screens/master-data/Buffers.tsx').then((m) => m.Buffers));
const AlertHistory = screen(() => import('./screens/alerts/AlertHistory.tsx').then((m) => m.AlertHistory));
const AlertSettings = screen(() => import('./screens/alerts/AlertSettings.tsx').then((m) => m.AlertSettings));
const BackOrders = screen(() => import('./screens/back-orders/BackOrders.tsx').then((m) => m.BackOrders));

export interface Route {
  /** The least role that may open the page (the API enforces the same on every call). */
  role: Role;
  match(path: string): Record<string, string> | null;
  render(params: Record<string, string>, query: URLSearchParams): ReactNode;
}

const route = (pattern: string, role: Role, render: Route['render']): Route => ({
  role,
  match: (path) => match(pattern, path),
  // While a screen's code is on its way (the first time it is opened).
  render: (params, query) => (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading…
        </p>
      }
    >
      {render(params, query)}
    </Suspense>
  ),
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
  route('/channels/:code/go-live', 'viewer', (p) => <CutoverReport key={p.code} code={p.code} />),
  route('/back-orders', 'viewer', (_, q) => <BackOrders query={q} />),
  route('/dashboard', 'viewer', (_, q) => <Dashboard query={q} />),
  route('/sync-runs', 'viewer', (_, q) => <SyncRuns query={q} />),
  route('/sync-runs/:id', 'viewer', (p) => <SyncRunPage key={p.id} id={Number(p.id)} />),
  route('/orders', 'viewer', (_, q) => <OrderList query={q} />),
  route('/orders/:id', 'viewer', (p) => <OrderPage key={p.id} id={Number(p.id)} />),
  route('/picklists', 'viewer', (_, q) => <PicklistList query={q} />),
  route('/picklists/:code', 'viewer', (p) => <PicklistPage key={p.code} code={p.code} />),
  // One station across /pack and /pack/:id (no key): a PO scanned after Finish opens in the same
  // station, its queue of scans and its answers kept.
  route('/pack', 'operator', () => <PackStation />),
  route('/pack/:id', 'operator', (p) => <PackStation orderId={Number(p.id)} />),
  route('/manifests', 'viewer', (_, q) => <ManifestList query={q} />),
  route('/manifests/:code', 'viewer', (p) => <ManifestPage key={p.code} code={p.code} />),
  route('/inventory', 'viewer', (_, q) => <InventoryLevels query={q} />),
  route('/inventory/import', 'operator', () => <StockImport />),
  route('/inventory/:warehouse/:sku', 'viewer', (p) => (
    <InventoryItem key={`${p.warehouse}/${p.sku}`} warehouse={p.warehouse} sku={p.sku} />
  )),
  route('/reconciliation-reports/:id', 'viewer', (p) => <ReconciliationReport key={p.id} id={Number(p.id)} />),
  route('/returns', 'viewer', (_, q) => <ReturnList query={q} />),
  route('/returns/:id', 'viewer', (p) => <ReturnPage key={p.id} id={Number(p.id)} />),
  route('/gst-register', 'viewer', (_, q) => <GstRegister query={q} />),
  route('/users', 'admin', (_, q) => <Users query={q} />),
  // Master data: everyone reads; admins change (the API enforces it on every call).
  route('/warehouses', 'viewer', (_, q) => <Warehouses query={q} />),
  route('/skus', 'viewer', (_, q) => <SkuMaster query={q} />),
  route('/buffers', 'viewer', (_, q) => <Buffers query={q} />),
  route('/alerts', 'viewer', () => <AlertHistory />),
  route('/settings/alerts', 'admin', () => <AlertSettings />),
];
