// What `weft demo` prints once everything runs: where things are, who may sign in, what to try.
// The curl lines carry a ready operator token, so they can be pasted as they are.
import type { DemoUser } from './seed.ts';

export interface WelcomeInput {
  apiUrl: string;
  sandboxUrl: string;
  sandboxSeller: { username: string; password: string };
  users: DemoUser[];
  operatorToken: string;
  channelCode: string;
  warehouse: string;
  skus: number;
  dataDir: string;
  /** Whether the data folder is removed when the demo stops. */
  temporary: boolean;
  orderSeconds: number;
  poSeconds: number;
}

export function welcomeText(w: WelcomeInput): string {
  const auth = `-H "authorization: Bearer $WEFT_TOKEN"`;
  const json = `-H 'content-type: application/json'`;
  const api = w.apiUrl;
  return [
    '',
    'Weft demo is running.',
    `  Console:       ${api}/   (sign in with a user below)`,
    `  API:           ${api}/api   (OpenAPI docs: ${api}/api/docs)`,
    `  AJIO sandbox:  ${w.sandboxUrl}   (seller ${w.sandboxSeller.username}, password ${w.sandboxSeller.password}; control API under /__sandbox/)`,
    `  Channel:       ${w.channelCode}, AJIO JIT on warehouse ${w.warehouse}, ${w.skus} SKUs with stock, listings linked`,
    '                 — created live for the demo; a real channel starts in shadow mode (sends nothing) until an admin',
    '                 moves it to canary, then live, on its channel page',
    `  Customers:     1–3 orders every ${w.orderSeconds} s; AJIO raises POs every ${w.poSeconds} s, pulled at once;`,
    '                 once a manifest is dispatched, a unit comes back now and then (Returns)',
    `  Data:          ${w.dataDir}${w.temporary ? '   (removed on exit; keep it with --data-dir)' : ''}`,
    '  Users:',
    ...w.users.map((u) => `    ${u.username.padEnd(10)} password ${u.password}   (${u.role})`),
    '',
    'Try it in the console: Orders (the pulled POs) → Picklists (New picklist) → Pack station (scan the PO,',
    '  a box id such as BOX-1, the SKUs or EANs, the weight) → Manifests (New manifest, Dispatch to AJIO) →',
    '  Returns (scan the AWB, then the units, G or B) — and Inventory, Channel mappings, Sync runs on the way.',
    '',
    'Or through the API (an operator token is ready):',
    `  export WEFT_TOKEN=${w.operatorToken}`,
    `  1. The channel and its last pulls:   curl -s ${auth} ${api}/api/channels`,
    `  2. Purchase orders pulled from AJIO: curl -s ${auth} '${api}/api/orders?status=open'`,
    `  3. A picklist of the open orders:    curl -s ${auth} ${json} -X POST ${api}/api/picklists -d '{"warehouse":"${w.warehouse}"}'`,
    `  4. Pack an order (id from step 2):   curl -s ${auth} ${json} -X POST ${api}/api/orders/<id>/pack/box -d '{"box":"BOX-1"}'`,
    `                                       then pack/scan {"code":"<SKU or EAN>"} per unit, pack/close-box {"weightGrams":500}, pack/finish {}`,
    `  5. Manifest and dispatch:            curl -s ${auth} ${json} -X POST ${api}/api/manifests -d '{"channel":"${w.channelCode}","warehouse":"${w.warehouse}"}'`,
    `                                       then POST ${api}/api/manifests/<code>/dispatch`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}
