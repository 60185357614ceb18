import { useState } from 'react';
import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDate, formatDateTime, humanize } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { ClosedSummary, CloseReturn } from './CloseReturn.tsx';
import { InboundStation, type Held, type LoggedScan } from './InboundStation.tsx';
import { ReturnCreditNotes } from './ReturnCreditNotes.tsx';
import { ReturnLines } from './ReturnLines.tsx';
import { ScanLog } from './ScanLog.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { CloseOutcome, ReturnDetail } from './return-types.ts';
import './returns.css';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

/**
 * One return: its lines and what has been received. Operators receive it here by scanning (the inbound
 * station) and close it; viewers see the same page without the station and the buttons.
 */
export function ReturnPage({ id }: { id: number }) {
  const canOperate = useCan('operator');
  const loaded = useLoad(() => get<ReturnDetail>(`/api/returns/${id}`), [id]);
  const [changed, setChanged] = useState<ReturnDetail | null>(null);
  const [held, setHeld] = useState<Held | null>(null);
  const [log, setLog] = useState<LoggedScan[]>([]);
  const [closed, setClosed] = useState<CloseOutcome | null>(null);
  const ret = changed ?? loaded.data;
  useTitle(ret ? `Return ${ret.externalId}` : 'Return');

  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!ret) return <Loading />;
  const onClosed = (outcome: CloseOutcome) => {
    setClosed(outcome);
    setChanged(outcome.return);
    setHeld(null);
  };

  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/returns">Returns</Link> / {ret.channel}
          </p>
          <h1>
            Return {ret.externalId} <StatusBadge status={ret.status} />
          </h1>
        </div>
        <div className="actions">
          {canOperate && ret.status === 'receiving' ? <CloseReturn ret={ret} onClosed={onClosed} /> : null}
        </div>
      </div>
      {closed ? <ClosedSummary outcome={closed} /> : null}
      {ret.unmappedLines > 0 ? (
        <Notice kind="error">
          {ret.unmappedLines} line{ret.unmappedLines === 1 ? ' has an AJIO SKU' : 's have AJIO SKUs'} not mapped to a
          Weft SKU: map the listing{ret.unmappedLines === 1 ? '' : 's'} before receiving{' '}
          {ret.unmappedLines === 1 ? 'its' : 'their'} units.
        </Notice>
      ) : null}
      <dl className="facts">
        <div>
          <dt>PO number</dt>
          <dd>{ret.orderId ? <Link to={`/orders/${ret.orderId}`}>{ret.poNumber}</Link> : (ret.poNumber ?? '—')}</dd>
        </div>
        <div>
          <dt>AWB</dt>
          <dd>{ret.awb ?? '—'}</dd>
        </div>
        <div>
          <dt>Reason</dt>
          <dd>{ret.reason ? humanize(ret.reason).toLowerCase() : '—'}</dd>
        </div>
        <div>
          <dt>Returned on</dt>
          <dd>{formatDate(ret.marketplaceCreatedAt)}</dd>
        </div>
        <div>
          <dt>Pulled</dt>
          <dd>{formatDateTime(ret.createdAt)}</dd>
        </div>
        <div>
          <dt>Goes back to</dt>
          <dd>{ret.warehouse}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd data-testid="received-units">
            {ret.receivedUnits} of {ret.units}
          </dd>
        </div>
      </dl>
      {canOperate && ret.status !== 'closed' ? (
        <InboundStation ret={ret} onChange={setChanged} onHeld={setHeld} onLogged={(s) => setLog((l) => [s, ...l])} />
      ) : null}
      <div className="pack-view">
        <Section title="Lines">
          <ReturnLines ret={ret} heldLineId={held?.line.id} />
        </Section>
        {log.length ? (
          <Section title="Scanned here">
            <ScanLog scans={log} />
          </Section>
        ) : null}
      </div>
      {ret.status === 'closed' ? <ReturnCreditNotes returnId={ret.id} refresh={closed ? 1 : 0} /> : null}
    </>
  );
}
