import type { ContractDriftEvent } from '../sync/contract-guard.ts';
import type { PoRow, ReadinessItem, SkuRow } from './types.ts';

/**
 * The "Ready to go live?" page. What blocks and what only warns:
 *
 * Blocking — going live now would sell stock Weft cannot vouch for, or fulfil POs wrongly:
 * - the marketplace refuses the channel's login;
 * - open contract drift events (answers Weft cannot read: their records are held);
 * - the marketplace's stock figures could not be read, or came without a figure for some SKUs;
 * - SKUs the marketplace lists that are unmapped or not pulled (Weft would never update them);
 * - SKUs where Weft would push MORE than the marketplace shows (the stock counts disagree: overselling);
 * - POs the marketplace shows further along, cancelled, or not at all (Weft would pick them wrongly);
 * - a channel in shadow with nothing withheld in the window: there has been no rehearsal yet.
 *
 * Warnings — expected or on the safe side, but worth a look:
 * - SKUs where Weft would push less (its buffer, allocations and reservations);
 * - POs Weft moved further than the marketplace shows (its updates are withheld or waiting);
 * - POs held in Weft; mapped SKUs the marketplace no longer lists; the POs could not be read fresh;
 * - a canary channel with nothing withheld; a channel already live.
 */
export interface ReadinessFacts {
  marketplace: string;
  mode: string;
  hours: number;
  loginRefused: { reason: string } | null;
  drift: ContractDriftEvent[];
  stockReadError: string | null;
  skus: SkuRow[];
  pos: PoRow[];
  poReadError: string | null;
  wouldSendTotal: number;
}

const list = (values: string[], max = 5) =>
  values.length > max ? `${values.slice(0, max).join(', ')} and ${values.length - max} more` : values.join(', ');

export function readiness(f: ReadinessFacts): { ready: boolean; blocking: ReadinessItem[]; warnings: ReadinessItem[] } {
  const m = f.marketplace;
  const items: ReadinessItem[] = [];
  const add = (item: ReadinessItem) => items.push(item);
  const skus = (...verdicts: SkuRow['verdict'][]) => f.skus.filter((r) => verdicts.includes(r.verdict));
  const pos = (...verdicts: PoRow['verdict'][]) => f.pos.filter((r) => verdicts.includes(r.verdict));

  if (f.loginRefused)
    add({
      code: 'login-refused',
      severity: 'blocking',
      count: 1,
      title: `${m} refuses the channel's login`,
      detail: f.loginRefused.reason,
      action: 'Enter the current password in the channel settings and press "Test connection".',
    });
  if (f.drift.length)
    add({
      code: 'contract-drift',
      severity: 'blocking',
      count: f.drift.length,
      title: `${f.drift.length} contract drift event${f.drift.length === 1 ? '' : 's'} open`,
      detail: `${m}'s answers differ from Weft's contract: ${list(f.drift.map((d) => `${d.call} ${d.field} (got ${d.got})`))}. The records they concern are held.`,
      action:
        'Read the events under "Contract drift" on the channel page, have the connector corrected (or wait for the marketplace to fix its answer), then mark them resolved.',
    });
  if (f.stockReadError)
    add({
      code: 'stock-unreadable',
      severity: 'blocking',
      count: 1,
      title: `${m}'s stock figures could not be read`,
      detail: f.stockReadError,
      action: 'Fix the cause (login, connection), then open this report again.',
    });
  const noFigure = skus('no-figure');
  if (noFigure.length)
    add({
      code: 'no-stock-figure',
      severity: 'blocking',
      count: noFigure.length,
      title: `${m} sent no stock figure for ${noFigure.length} SKU${noFigure.length === 1 ? '' : 's'}`,
      detail: list(noFigure.map((r) => r.channelSku)),
      action: 'See the contract drift events: until the figure comes back nothing can be compared.',
    });
  const unmapped = skus('unmapped', 'not-pulled');
  if (unmapped.length)
    add({
      code: 'unmapped-skus',
      severity: 'blocking',
      count: unmapped.length,
      title: `${unmapped.length} ${m} SKU${unmapped.length === 1 ? ' is' : 's are'} not mapped to a Weft SKU`,
      detail: `Weft would never update their stock at ${m}: ${list(unmapped.map((r) => r.channelSku))}.`,
      action: 'Pull SKUs, then link each one under Channel mappings (or upload the mapping CSV).',
    });
  const higher = skus('weft-higher');
  if (higher.length)
    add({
      code: 'figure-above-marketplace',
      severity: 'blocking',
      count: higher.length,
      title: `Weft would raise ${m}'s figure for ${higher.length} SKU${higher.length === 1 ? '' : 's'}`,
      detail: `Weft counts more sellable stock than ${m} shows: ${list(higher.map((r) => `${r.channelSku} (${r.marketplaceQty} → ${r.weftQty})`))}.`,
      action: 'Count those SKUs and correct the stock in Weft (or the old system) so the two agree.',
    });
  const ahead = pos('marketplace-ahead', 'cancelled-at-marketplace', 'not-at-marketplace');
  if (ahead.length)
    add({
      code: 'po-status-mismatch',
      severity: 'blocking',
      count: ahead.length,
      title: `${ahead.length} PO${ahead.length === 1 ? '' : 's'} differ${ahead.length === 1 ? 's' : ''} from ${m}`,
      detail: `${m} shows them further along, cancelled or not at all: ${list(ahead.map((r) => `${r.poNumber} (Weft ${r.weftStatus}, ${m} ${r.marketplaceStatus ?? 'none'})`))}.`,
      action: 'Finish these POs in the system fulfilling them, then pull orders again.',
    });
  if (f.mode === 'shadow' && f.wouldSendTotal === 0)
    add({
      code: 'no-rehearsal',
      severity: 'blocking',
      count: 0,
      title: 'No rehearsal yet',
      detail: `The channel is in shadow but Weft withheld nothing in the last ${f.hours} hours: no inventory push, document or dispatch has been rehearsed.`,
      action:
        'Let the inventory push and the order flow run in shadow (or run them from the channel page), then check the would-send list below.',
    });
  if (f.mode === 'canary' && f.wouldSendTotal === 0)
    add({
      code: 'no-rehearsal',
      severity: 'warning',
      count: 0,
      title: 'Nothing withheld in canary',
      detail: `Weft withheld nothing in the last ${f.hours} hours outside the canary SKUs and POs.`,
      action: 'Check that the streams run; widen the canary when its SKUs and POs look right.',
    });
  if (f.mode === 'live')
    add({
      code: 'already-live',
      severity: 'warning',
      count: 0,
      title: 'The channel is already live',
      detail: `Weft sends every write to ${m}; this report shows how the two sides compare now.`,
      action: 'Nothing to do unless the figures below surprise you.',
    });
  const lower = skus('weft-lower');
  if (lower.length)
    add({
      code: 'figure-below-marketplace',
      severity: 'warning',
      count: lower.length,
      title: `Weft would lower ${m}'s figure for ${lower.length} SKU${lower.length === 1 ? '' : 's'}`,
      detail: `Expected from buffers, open POs and back orders: ${list(lower.map((r) => `${r.channelSku} (${r.marketplaceQty} → ${r.weftQty})`))}.`,
      action: 'Check the reasons in the SKU table; nothing to do if they are right.',
    });
  const gone = skus('not-at-marketplace');
  if (gone.length)
    add({
      code: 'not-listed',
      severity: 'warning',
      count: gone.length,
      title: `${gone.length} mapped SKU${gone.length === 1 ? '' : 's'} not listed at ${m}`,
      detail: list(gone.map((r) => r.channelSku)),
      action: `Ask ${m} whether they were delisted; Weft's pushes for them will be refused.`,
    });
  const weftAhead = pos('weft-ahead', 'cancelled-in-weft');
  if (weftAhead.length)
    add({
      code: 'po-updates-withheld',
      severity: 'warning',
      count: weftAhead.length,
      title: `${weftAhead.length} PO${weftAhead.length === 1 ? '' : 's'}: Weft is ahead of ${m}`,
      detail: `Weft's updates have not reached ${m} yet: ${list(weftAhead.map((r) => r.poNumber))}.`,
      action: 'Expected in shadow; once live, they are sent.',
    });
  const held = pos('held');
  if (held.length)
    add({
      code: 'held-pos',
      severity: 'warning',
      count: held.length,
      title: `${held.length} PO${held.length === 1 ? '' : 's'} held in Weft`,
      detail: list(held.map((r) => r.poNumber)),
      action: 'Open each on the Orders screen: it says why it is held and what to do.',
    });
  if (f.poReadError && f.pos.length)
    add({
      code: 'pos-unread',
      severity: 'warning',
      count: 1,
      title: `${m}'s POs could not be read now`,
      detail: `${f.poReadError}. The statuses shown are what ${m} last answered.`,
      action: 'Open this report again once the connection works.',
    });
  const blocking = items.filter((i) => i.severity === 'blocking');
  return { ready: blocking.length === 0, blocking, warnings: items.filter((i) => i.severity === 'warning') };
}
