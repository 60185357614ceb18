import { useState } from 'react';
import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import type { Wire } from '../../../../src/http/responses/common.ts';
import type { cutoverReport } from '../../../../src/http/responses/cutover.ts';
import './cutover.css';

type Report = Wire<typeof cutoverReport>;
type Item = Report['summary']['blocking'][number];

/** How each SKU comparison reads, and its badge colour. */
const skuWords: Record<Report['skus'][number]['verdict'], [string, string]> = {
  same: ['Same', 'badge-ok'],
  'weft-lower': ['Weft lower', 'badge-busy'],
  'weft-higher': ['Weft higher', 'badge-failing'],
  unmapped: ['Unmapped', 'badge-failing'],
  'not-pulled': ['Not pulled', 'badge-failing'],
  inactive: ['Inactive', 'badge-busy'],
  'not-at-marketplace': ['Not listed at AJIO', 'badge-busy'],
  'no-figure': ['No AJIO figure', 'badge-failing'],
  unknown: ['Unknown', 'badge-failing'],
};

const poWords: Record<Report['pos']['items'][number]['verdict'], string> = {
  same: 'Same',
  'weft-ahead': 'Weft ahead',
  'marketplace-ahead': 'AJIO ahead',
  'cancelled-at-marketplace': 'Cancelled at AJIO',
  'cancelled-in-weft': 'Cancelled in Weft',
  held: 'Held in Weft',
  'not-at-marketplace': 'Not at AJIO',
};

const hourChoices = [24, 72, 168];

function Items({ items, kind }: { items: Item[]; kind: 'blocking' | 'warning' }) {
  return (
    <ul className="cutover-items" data-testid={`cutover-${kind}`}>
      {items.map((i) => (
        <li key={i.code}>
          <strong>{i.title}.</strong> {i.detail} <em>What to do:</em> {i.action}
        </li>
      ))}
    </ul>
  );
}

/**
 * The go-live report of a channel: "Ready to go live?" with what blocks and what only warns, then per
 * SKU Weft's figure against AJIO's, per PO the two statuses, and the writes Weft withheld — each table
 * also as CSV. Opening the page reads AJIO now, so it takes a moment.
 */
export function CutoverReport({ code }: { code: string }) {
  useTitle(`Go-live report ${code}`);
  const [hours, setHours] = useState(24);
  const report = useLoad(() => get<Report>(`/api/channels/${code}/cutover-report`, { hours }), [code, hours]);
  if (report.error) return <LoadFailed error={report.error} onRetry={report.reload} />;
  const r = report.data;
  if (!r) return <Loading />;
  const csv = (section: string) =>
    `/api/channels/${encodeURIComponent(code)}/cutover-report.csv?section=${section}&hours=${hours}`;
  const { summary, coverage } = r;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/channels">Manage Channels</Link> /{' '}
            <Link to={`/channels/${encodeURIComponent(code)}`}>{code}</Link>
          </p>
          <h1>Go-live report</h1>
        </div>
        <div className="actions">
          <label>
            Withheld in the last{' '}
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {hourChoices.map((h) => (
                <option key={h} value={h}>
                  {h} hours
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={report.reload} disabled={report.loading}>
            Read AJIO again
          </button>
        </div>
      </div>
      <Section
        title="Ready to go live?"
        description={`${r.channel.name}, mode ${r.channel.mode}; AJIO read ${formatDateTime(r.generatedAt)}.`}
      >
        {summary.ready ? (
          <Notice kind="success">
            <span data-testid="cutover-verdict">Ready: nothing blocks going live.</span>
          </Notice>
        ) : (
          <Notice kind="error">
            <span data-testid="cutover-verdict">
              Not ready: {summary.blocking.length} item{summary.blocking.length === 1 ? '' : 's'} block going live.
            </span>
          </Notice>
        )}
        {summary.blocking.length ? (
          <>
            <h3>Blocking</h3>
            <Items items={summary.blocking} kind="blocking" />
          </>
        ) : null}
        {summary.warnings.length ? (
          <>
            <h3>Warnings</h3>
            <Items items={summary.warnings} kind="warning" />
          </>
        ) : null}
        <dl className="facts">
          <div>
            <dt>AJIO SKUs mapped</dt>
            <dd data-testid="cutover-coverage">
              {coverage.mapped} of {coverage.total} ({coverage.percentMapped}%)
            </dd>
          </div>
          <div>
            <dt>Unmapped / not pulled</dt>
            <dd>
              {coverage.unmapped} / {coverage.notPulled}
            </dd>
          </div>
          <div>
            <dt>Open drift events</dt>
            <dd>{summary.openDrift}</dd>
          </div>
          <div>
            <dt>Withheld writes</dt>
            <dd>{r.wouldSend.total}</dd>
          </div>
        </dl>
      </Section>
      <Section
        title="Stock figures"
        description="Weft's figure is what it would push: on hand − allocated − reserved − buffer. Difference = AJIO − Weft."
        actions={
          <a className="button" href={csv('skus')} download>
            Download SKUs CSV
          </a>
        }
      >
        {r.stock.error ? <Notice kind="error">AJIO's figures could not be read: {r.stock.error}</Notice> : null}
        <div className="table-wrap">
          <table className="table" data-testid="cutover-skus">
            <thead>
              <tr>
                <th scope="col">AJIO SKU</th>
                <th scope="col">Weft SKU</th>
                <th scope="col">Weft figure</th>
                <th scope="col">AJIO figure</th>
                <th scope="col">Difference</th>
                <th scope="col">Comparison</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {r.skus.map((s) => (
                <tr key={s.channelSku}>
                  <td data-label="AJIO SKU">{s.channelSku}</td>
                  <td data-label="Weft SKU">{s.sku ?? '—'}</td>
                  <td data-label="Weft figure" className="num">
                    {s.weftQty ?? '—'}
                  </td>
                  <td data-label="AJIO figure" className="num">
                    {s.marketplaceQty ?? '—'}
                  </td>
                  <td data-label="Difference" className="num">
                    {s.difference ?? '—'}
                  </td>
                  <td data-label="Comparison">
                    <span className={`badge ${skuWords[s.verdict][1]}`}>{skuWords[s.verdict][0]}</span>
                  </td>
                  <td data-label="Why">{s.why}</td>
                </tr>
              ))}
              {r.skus.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    No SKUs: pull AJIO's SKUs first.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </Section>
      <Section
        title="Purchase orders"
        description={
          r.pos.read
            ? 'Weft status against the status AJIO gives now.'
            : `AJIO could not be read now (${r.pos.error ?? 'no answer'}): AJIO's status is what it last answered.`
        }
        actions={
          <a className="button" href={csv('pos')} download>
            Download POs CSV
          </a>
        }
      >
        <div className="table-wrap">
          <table className="table" data-testid="cutover-pos">
            <thead>
              <tr>
                <th scope="col">PO</th>
                <th scope="col">Weft status</th>
                <th scope="col">AJIO status</th>
                <th scope="col">Comparison</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {r.pos.items.map((p) => (
                <tr key={p.poNumber}>
                  <td data-label="PO">{p.poNumber}</td>
                  <td data-label="Weft status">{p.weftStatus}</td>
                  <td data-label="AJIO status">{p.marketplaceStatus ?? '—'}</td>
                  <td data-label="Comparison">
                    <span
                      className={`badge ${p.blocking ? 'badge-failing' : p.verdict === 'same' ? 'badge-ok' : 'badge-busy'}`}
                    >
                      {poWords[p.verdict]}
                    </span>
                  </td>
                  <td data-label="Why">{p.why}</td>
                </tr>
              ))}
              {r.pos.items.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No open POs, and none changed in the last {r.hours} hours.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </Section>
      <Section
        title="Would have sent"
        description={`Writes Weft withheld from AJIO in the last ${r.hours} hours (shadow, or outside the canary), newest first.`}
        actions={
          <a className="button" href={csv('would-send')} download>
            Download would-send CSV
          </a>
        }
      >
        {r.wouldSend.total === 0 ? (
          <p className="muted" data-testid="cutover-would-send-none">
            Nothing withheld in the last {r.hours} hours.
          </p>
        ) : (
          <>
            <p data-testid="cutover-would-send-counts">
              {r.wouldSend.counts.map((c) => `${c.call}: ${c.count}`).join(' · ')}
            </p>
            <div className="table-wrap">
              <table className="table" data-testid="cutover-would-send">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Call</th>
                    <th scope="col">For</th>
                    <th scope="col">Mode</th>
                    <th scope="col">Body</th>
                  </tr>
                </thead>
                <tbody>
                  {r.wouldSend.entries.map((e) => (
                    <tr key={e.id}>
                      <td data-label="When">{formatDateTime(e.at)}</td>
                      <td data-label="Call">{e.call}</td>
                      <td data-label="For">{e.subject ? `${e.subjectKind ?? ''} ${e.subject}`.trim() : '—'}</td>
                      <td data-label="Mode">{e.mode}</td>
                      <td data-label="Body">
                        <code className="cutover-body">{JSON.stringify(e.body)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>
    </>
  );
}
