import { useState } from 'react';
import { get, messageOf, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PrintAll } from '../../components/PrintAll.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { ManifestDocuments } from './ManifestDocuments.tsx';
import { ManifestShipments } from './ManifestShipments.tsx';
import type { DispatchOutcome, ManifestDetail } from './manifest-types.ts';
import './manifests.css';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

type Outcome = { kind: 'success' | 'error'; text: string; refused?: DispatchOutcome['refusedNow'] };

function outcomeOf(r: DispatchOutcome): Outcome {
  const id = r.marketplaceManifestId ? ` AJIO manifest ${r.marketplaceManifestId}.` : '';
  if (r.refusedNow.length === 0)
    return {
      kind: 'success',
      text: `Dispatched ${r.dispatchedNow} PO${r.dispatchedNow === 1 ? '' : 's'} to AJIO (attempt ${r.attempt}).${id}`,
    };
  return {
    kind: 'error',
    text: `AJIO took ${r.dispatchedNow} and refused ${r.refusedNow.length} PO${r.refusedNow.length === 1 ? '' : 's'} (attempt ${r.attempt}):`,
    refused: r.refusedNow,
  };
}

/**
 * One manifest: its shipments, "Dispatch to AJIO", both manifest PDFs ("Print all" prints them as one), and what AJIO refused with its
 * message — sent again by dispatching again, which retries only the refused and still pending POs.
 */
export function ManifestPage({ code }: { code: string }) {
  const canOperate = useCan('operator');
  const manifest = useLoad(() => get<ManifestDetail>(`/api/manifests/${encodeURIComponent(code)}`), [code]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(`Manifest ${code}`);

  if (manifest.error && !manifest.data) return <LoadFailed error={manifest.error} onRetry={manifest.reload} />;
  const m = manifest.data;
  if (!m) return <Loading />;
  const refused = m.items.filter((i) => i.status === 'refused');

  async function dispatch() {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(outcomeOf(await post<DispatchOutcome>(`/api/manifests/${encodeURIComponent(code)}/dispatch`)));
    } catch (error) {
      setOutcome({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
      manifest.reload();
    }
  }

  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/manifests">Manifests</Link> / {m.channel} / {m.warehouse}
          </p>
          <h1>
            Manifest {m.code}{' '}
            <span className={`badge badge-manifest-${m.status}`} data-testid="manifest-status">
              {m.status}
            </span>
          </h1>
        </div>
        <div className="actions">
          {m.documents.some((d) => d.kind === 'manifest' && !d.voidedAt) ? (
            <PrintAll
              href={`/api/manifests/${encodeURIComponent(m.code)}/documents.pdf`}
              label="Print all"
              ariaLabel={`Print all documents of manifest ${m.code}`}
              onError={(text) => setOutcome({ kind: 'error', text })}
            />
          ) : null}
          {canOperate && m.pending > 0 ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void dispatch()}>
              {busy ? 'Dispatching…' : 'Dispatch to AJIO'}
            </button>
          ) : null}
        </div>
      </div>
      {outcome ? (
        <Notice kind={outcome.kind}>
          {outcome.text}
          {outcome.refused ? (
            <ul>
              {outcome.refused.map((r) => (
                <li key={r.poNumber}>
                  PO {r.poNumber}: {r.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Channel</dt>
          <dd>{m.channel}</dd>
        </div>
        <div>
          <dt>Warehouse</dt>
          <dd>{m.warehouse}</dd>
        </div>
        <div>
          <dt>POs</dt>
          <dd>
            {m.orders} ({m.dispatched} dispatched, {m.pending} pending, {m.refused} refused)
          </dd>
        </div>
        <div>
          <dt>AJIO manifest</dt>
          <dd>{m.marketplaceManifestId ?? '—'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            {formatDateTime(m.createdAt)} by {m.createdBy}
          </dd>
        </div>
        <div>
          <dt>Dispatched</dt>
          <dd>{formatDateTime(m.dispatchedAt)}</dd>
        </div>
      </dl>
      {refused.length > 0 ? (
        <Section
          title="Refused by AJIO"
          description="AJIO did not take these POs. Put right what its message says, then dispatch them again: only these are sent."
          actions={
            canOperate ? (
              <button type="button" className="primary" disabled={busy} onClick={() => void dispatch()}>
                {busy ? 'Dispatching…' : 'Dispatch refused POs again'}
              </button>
            ) : null
          }
        >
          <ul className="refused-list">
            {refused.map((i) => (
              <li key={i.orderId}>
                <Link to={`/orders/${i.orderId}`}>PO {i.poNumber}</Link>: <span className="refusal">{i.message}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title="Shipments">
        <ManifestShipments items={m.items} />
      </Section>
      <div className="columns">
        <Section title="Manifest PDFs">
          <ManifestDocuments documents={m.documents} />
        </Section>
        <Section title="Dispatch attempts">
          {m.attempts.length === 0 ? (
            <p className="muted">Not dispatched yet: nothing reaches AJIO until "Dispatch to AJIO".</p>
          ) : (
            <ul className="documents">
              {m.attempts.map((a) => (
                <li key={a.attempt}>
                  Attempt {a.attempt}: {a.dispatched} dispatched, {a.refused} refused
                  {a.marketplaceManifestId ? ` · AJIO ${a.marketplaceManifestId}` : ''}
                  <span className="muted small">
                    {' '}
                    {formatDateTime(a.createdAt)} by {a.actor}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </>
  );
}
