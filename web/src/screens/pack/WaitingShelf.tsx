import { useCallback, useEffect, useRef, useState } from 'react';
import type { Wire } from '../../../../src/http/responses/common.ts';
import type { waitingOrder } from '../../../../src/http/responses/pack.ts';
import { get, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { isOffline, messageOf, plainReason } from './pack-answers.ts';
import { PrintDocuments } from './PrintDocuments.tsx';
import type { AnswerKind } from './StationAnswer.tsx';

export type WaitingOrder = Wire<typeof waitingOrder>;

/** How often the station looks whether held orders have their documents (the background job makes them). */
export const shelfPollMs = 5000;

type Announce = (kind: AnswerKind, title: string, message?: string) => void;

export interface Shelf {
  items: WaitingOrder[] | null;
  /** Orders whose documents arrived while this station watched: ready to print. */
  ready: { orderId: number; poNumber: string }[];
  /** Why each held order has no documents, as this station was told at Finish or Retry. */
  reasons: Record<number, string>;
  /** Set when the shelf could not be read. */
  problem: string | null;
  busy: number | null;
  hold(orderId: number, reason: string): void;
  refresh(): Promise<void>;
  retry(order: WaitingOrder): Promise<void>;
}

/**
 * The "waiting for documents" shelf: packed orders whose invoice or labels the marketplace (or the
 * IRP) did not issue at Finish. It is read from the server every few seconds; an order that leaves it
 * with its documents made is announced ("PO 123: documents ready — print") and offered for printing.
 */
export function useWaitingShelf(announce: Announce): Shelf {
  const [items, setItems] = useState<WaitingOrder[] | null>(null);
  const [ready, setReady] = useState<{ orderId: number; poNumber: string }[]>([]);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  // Orders seen on the shelf, with how many reads saw them: one seen once (packed a moment ago, its
  // documents on their way) is not announced when it leaves; one held here or seen twice is.
  const known = useRef(new Map<number, { order: WaitingOrder; reads: number }>());
  const held = useRef(new Set<number>());
  const say = useRef(announce);
  say.current = announce;

  const arrived = useCallback((orderId: number, poNumber: string) => {
    known.current.delete(orderId);
    held.current.delete(orderId);
    setReady((all) => [{ orderId, poNumber }, ...all.filter((r) => r.orderId !== orderId)].slice(0, 10));
    say.current(
      'accepted',
      `PO ${poNumber}: documents ready — print`,
      'Print the invoice and labels for the held carton.',
    );
  }, []);

  const refresh = useCallback(async () => {
    try {
      const { items: now } = await get<{ items: WaitingOrder[] }>('/api/pack/waiting');
      setProblem(null);
      const ids = new Set(now.map((o) => o.orderId));
      const gone = [...known.current.values()].filter((k) => !ids.has(k.order.orderId));
      for (const o of now)
        known.current.set(o.orderId, { order: o, reads: (known.current.get(o.orderId)?.reads ?? 0) + 1 });
      setItems(now);
      for (const { order: o, reads } of gone) {
        known.current.delete(o.orderId);
        if (!held.current.has(o.orderId) && reads < 2) continue;
        const { items: docs } = await get<{ items: { kind: string }[] }>('/api/documents', { orderId: o.orderId });
        if (docs.some((d) => d.kind === 'invoice')) arrived(o.orderId, o.poNumber);
        else held.current.delete(o.orderId);
      }
    } catch (error) {
      setProblem(isOffline(error) ? 'No connection: the shelf is checked again when back online.' : messageOf(error));
    }
  }, [arrived]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), shelfPollMs);
    return () => clearInterval(timer);
  }, [refresh]);

  const hold = useCallback((orderId: number, reason: string) => {
    held.current.add(orderId);
    setReasons((all) => ({ ...all, [orderId]: reason }));
  }, []);

  const retry = useCallback(
    async (order: WaitingOrder) => {
      setBusy(order.orderId);
      try {
        await post(`/api/orders/${order.orderId}/documents`, {});
        setItems((all) => (all ?? []).filter((o) => o.orderId !== order.orderId));
        arrived(order.orderId, order.poNumber);
      } catch (error) {
        const reason = isOffline(error)
          ? 'No connection — retry when back online.'
          : plainReason({ code: 'failed', message: messageOf(error), retrying: false });
        hold(order.orderId, reason);
        say.current(isOffline(error) ? 'offline' : 'hold', `PO ${order.poNumber} — documents still not issued`, reason);
      } finally {
        setBusy(null);
      }
    },
    [arrived, hold],
  );

  return { items, ready, reasons, problem, busy, hold, refresh, retry };
}

const missing = (o: WaitingOrder) =>
  !o.invoiced ? 'Invoice not issued yet' : !o.labelled ? 'Labels not made yet' : 'Documents not made yet';

export function WaitingShelf({ shelf }: { shelf: Shelf }) {
  const { items, ready, reasons, problem, busy } = shelf;
  return (
    <section className="shelf" aria-labelledby="shelf-title" data-testid="waiting-shelf">
      <h2 id="shelf-title">Waiting for documents</h2>
      {problem ? <p className="shelf-problem">{problem}</p> : null}
      {ready.length ? (
        <ul className="shelf-ready" aria-label="Documents ready">
          {ready.map((r) => (
            <li key={r.orderId}>
              <span>PO {r.poNumber}: documents ready</span>
              <PrintDocuments orderId={r.orderId} poNumber={r.poNumber} />
            </li>
          ))}
        </ul>
      ) : null}
      {items === null ? (
        <p className="muted">Looking for held cartons…</p>
      ) : items.length === 0 ? (
        <p className="muted">No carton is waiting for its documents.</p>
      ) : (
        <ul className="shelf-list">
          {items.map((o) => (
            <li key={o.orderId} className="shelf-item">
              <div>
                <p className="shelf-po">
                  <Link to={`/orders/${o.orderId}`}>PO {o.poNumber}</Link> · hold this carton
                </p>
                <p className="small">{reasons[o.orderId] ?? `${missing(o)}.`}</p>
              </div>
              <button
                type="button"
                disabled={busy === o.orderId}
                aria-label={`Retry the documents of PO ${o.poNumber}`}
                onClick={() => void shelf.retry(o)}
              >
                {busy === o.orderId ? 'Retrying…' : 'Retry'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
