import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime, formatRupees, humanize } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { CancelLines } from './CancelLines.tsx';
import { Documents } from './Documents.tsx';
import { MarketplaceInvoiceStatus } from './MarketplaceInvoiceStatus.tsx';
import { OrderLines } from './OrderLines.tsx';
import { PrintDocuments } from './PrintDocuments.tsx';
import { invoicedStatuses, packableStatuses, type DocumentInfo, type OrderDetail } from './order-types.ts';
import { Timeline } from './Timeline.tsx';
import { SlaBadge } from './SlaBadge.tsx';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

export function OrderPage({ id }: { id: number }) {
  const canOperate = useCan('operator');
  const order = useLoad(() => get<OrderDetail>(`/api/orders/${id}`), [id]);
  const documents = useLoad(() => get<{ items: DocumentInfo[] }>('/api/documents', { orderId: id }), [id]);
  useTitle(order.data ? `PO ${order.data.poNumber}` : 'Order');

  if (order.error) return <LoadFailed error={order.error} onRetry={order.reload} />;
  const o = order.data;
  if (!o) return <Loading />;
  const reload = () => {
    order.reload();
    documents.reload();
  };

  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/orders">Orders</Link> / {o.channel}
          </p>
          <h1>
            PO {o.poNumber}{' '}
            <span className={`badge badge-order-${o.status}`} data-testid="order-status">
              {humanize(o.status)}
            </span>
          </h1>
        </div>
        <div className="actions">
          {canOperate && packableStatuses.includes(o.status) ? (
            <Link to={`/pack/${o.id}`} className="button primary">
              Pack this PO
            </Link>
          ) : null}
        </div>
      </div>
      {o.holdReason ? <Notice kind="error">On hold: {o.holdReason}</Notice> : null}
      {o.discrepancies.map((d) => (
        <Notice key={`${d.kind}-${d.boxCode}`} kind="error">
          Discrepancy: {d.message}
        </Notice>
      ))}
      <dl className="facts">
        <div>
          <dt>PO date</dt>
          <dd>{formatDateTime(o.poDate)}</dd>
        </div>
        <div>
          <dt>Dispatch by</dt>
          <dd>
            {o.sla ? formatDateTime(o.sla.dispatchBy) : '—'} <SlaBadge sla={o.sla} />
          </dd>
        </div>
        <div>
          <dt>AJIO order id</dt>
          <dd>{o.externalId}</dd>
        </div>
        <div>
          <dt>AJIO status</dt>
          <dd data-testid="ajio-status">
            {o.marketplaceStatus ?? '—'}
            {o.marketplaceStatusAt ? (
              <span className="muted small"> since {formatDateTime(o.marketplaceStatusAt)}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>PO amount</dt>
          <dd>{formatRupees(o.poAmountPaise)}</dd>
        </div>
      </dl>
      <Section title="Lines">
        <OrderLines lines={o.lines} />
      </Section>
      <div className="columns">
        <Section title="Timeline">
          <Timeline events={o.events} />
        </Section>
        <Section title="Documents">
          {documents.error ? (
            <LoadFailed error={documents.error} onRetry={documents.reload} />
          ) : documents.data ? (
            <>
              {documents.data.items.some((d) => d.kind === 'invoice') ? (
                <PrintDocuments orderId={o.id} poNumber={o.poNumber} />
              ) : null}
              <Documents documents={documents.data.items} />
              {documents.data.items.some((d) => d.kind === 'invoice') ? (
                <MarketplaceInvoiceStatus orderId={o.id} onStored={reload} />
              ) : null}
            </>
          ) : (
            <Loading />
          )}
        </Section>
      </div>
      {canOperate && o.status !== 'cancelled' ? (
        <Section
          title="Cancel lines"
          description={
            invoicedStatuses.includes(o.status)
              ? 'This PO is invoiced: AJIO JIT does not allow cancelling it now, and Weft will say so.'
              : 'Cancels units at AJIO and releases their stock.'
          }
        >
          <CancelLines order={o} onDone={reload} />
        </Section>
      ) : null}
    </>
  );
}
