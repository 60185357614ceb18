import type { ReactNode } from 'react';
import { match, navigate } from './router.ts';
import type { Role } from './session.tsx';
import { ChannelList } from './screens/channels/ChannelList.tsx';
import { AddChannel } from './screens/channels/AddChannel.tsx';
import { ChannelMaintenance } from './screens/channels/ChannelMaintenance.tsx';
import { OrderList } from './screens/orders/OrderList.tsx';
import { OrderPage } from './screens/orders/OrderPage.tsx';
import { PackStation } from './screens/pack/PackStation.tsx';

export interface Route {
  /** The least role that may open the page (the API enforces the same on every call). */
  role: Role;
  match(path: string): Record<string, string> | null;
  render(params: Record<string, string>, query: URLSearchParams): ReactNode;
}

const route = (pattern: string, role: Role, render: Route['render']): Route => ({ role, match: (path) => match(pattern, path), render });

/** Every screen of the console; a new screen is one line here and one entry in the navigation. */
export const routes: Route[] = [
  route('/', 'viewer', () => { queueMicrotask(() => navigate('/channels', { replace: true })); return null; }),
  route('/channels', 'viewer', () => <ChannelList />),
  route('/channels/new', 'admin', () => <AddChannel />),
  route('/channels/:code', 'viewer', (p) => <ChannelMaintenance key={p.code} code={p.code} />),
  route('/orders', 'viewer', (_, q) => <OrderList query={q} />),
  route('/orders/:id', 'viewer', (p) => <OrderPage key={p.id} id={Number(p.id)} />),
  route('/pack', 'operator', () => <PackStation />),
  route('/pack/:id', 'operator', (p) => <PackStation key={p.id} orderId={Number(p.id)} />),
];
