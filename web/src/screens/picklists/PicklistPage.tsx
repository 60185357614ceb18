import { useState } from 'react';
import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import { PicklistActions } from './PicklistActions.tsx';
import type { PicklistDetail, PicklistLine, PrefetchResult } from './picklist-types.ts';
import { PrefetchResults } from './PrefetchResults.tsx';
import './picklists.css';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

const variantOf = (l: PicklistLine) => [l.style, l.colour, l.size].filter(Boolean).join(' · ');

/** The lines as the picker walks them: the API sorts by bin, then style, colour and size in shelf order. */
function WalkingLines({ lines }: { lines: PicklistLine[] }) {
  if (lines.length === 0)
    return <p className="muted">Nothing is left to pick: every unit of these orders is packed or cancelled.</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Lines in walking order">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Bin</th>
            <th scope="col">SKU</th>
            <th scope="col">Description</th>
            <th scope="col">Style · colour · size</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col">Orders</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.skuCode}>
              <td data-label="#" className="walk-step">
                {i + 1}
              </td>
              <td data-label="Bin">{l.location || '—'}</td>
              <td data-label="SKU">{l.skuCode}</td>
              <td data-label="Description">{l.description}</td>
              <td data-label="Style · colour · size">{variantOf(l) || '—'}</td>
              <td data-label="Quantity" className="num">
                {l.quantity}
              </td>
              <td data-label="Orders" className="po-list">
                {l.poNumbers.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One picklist: its status, lines in walking order, its POs; print, prefetch and move it on. */
export function PicklistPage({ code }: { code: string }) {
  const picklist = useLoad(() => get<PicklistDetail>(`/api/picklists/${encodeURIComponent(code)}`), [code]);
  const [prefetched, setPrefetched] = useState<PrefetchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useTitle(`Picklist ${code}`);

  if (picklist.error && !picklist.data) return <LoadFailed error={picklist.error} onRetry={picklist.reload} />;
  const p = picklist.data;
  if (!p) return <Loading />;
  const units = p.lines.reduce((sum, l) => sum + l.quantity, 0);

  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/picklists">Picklists</Link> / {p.warehouse}
          </p>
          <h1>
            Picklist {p.code}{' '}
            <span className={`badge badge-picklist-${p.status}`} data-testid="picklist-status">
              {p.status}
            </span>
          </h1>
        </div>
        <PicklistActions
          picklist={p}
          printAll={p.prefetchedAt !== null}
          onError={setError}
          onChanged={() => {
            setError(null);
            picklist.reload();
          }}
          onPrefetched={(r) => {
            setError(null);
            setPrefetched(r);
            picklist.reload();
          }}
        />
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {prefetched ? <PrefetchResults result={prefetched} onClose={() => setPrefetched(null)} /> : null}
      <dl className="facts">
        <div>
          <dt>Warehouse</dt>
          <dd>{p.warehouse}</dd>
        </div>
        <div>
          <dt>Channel</dt>
          <dd>{p.channel ?? 'All channels'}</dd>
        </div>
        <div>
          <dt>To pick</dt>
          <dd>
            {units} units of {p.lines.length} SKUs
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            {formatDateTime(p.createdAt)} by {p.createdBy}
          </dd>
        </div>
        <div>
          <dt>Deliveries prefetched</dt>
          <dd>{p.prefetchedAt ? formatDateTime(p.prefetchedAt) : p.prepack ? 'Not yet' : 'No (prepack is off)'}</dd>
        </div>
      </dl>
      <Section
        title="Lines in walking order"
        description="By bin where the warehouse has one, then style, colour and size in shelf order."
      >
        <WalkingLines lines={p.lines} />
      </Section>
      <Section title="Orders">
        <ul className="documents">
          {p.orders.map((o) => (
            <li key={o.id}>
              <Link to={`/orders/${o.id}`}>PO {o.poNumber}</Link>{' '}
              <span className={`badge badge-order-${o.status}`}>{humanize(o.status)}</span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
