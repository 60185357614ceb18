import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../use-load.ts';
import { pushStatusBadge, pushStatusLabel, signed, type Explanation, type PushState } from './inventory-types.ts';
import { Loading, LoadFailed } from '../../components/LoadState.tsx';

/** Why a listing gets the figure it gets, line by line, and what came of the last push of it. */
export function FigureExplanation({ code, sku, onClose }: { code: string; sku: string; onClose(): void }) {
  const why = useLoad(
    () => get<Explanation>(`/api/channels/${encodeURIComponent(code)}/inventory/${encodeURIComponent(sku)}`),
    [code, sku],
  );
  const e = why.data;
  return (
    <Section
      title={`Why ${sku} gets ${e ? e.breakdown.pushed : '…'}`}
      actions={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
      description={
        e
          ? `${e.listing.skuName} · AJIO SKU ${e.listing.channelSku} · stock of ${e.sourceWarehouses.join(', ')}`
          : undefined
      }
    >
      {why.error ? <LoadFailed error={why.error} onRetry={why.reload} /> : null}
      {!e && why.loading ? <Loading /> : null}
      {e ? (
        <>
          <table className="table explanation" data-testid="explanation">
            <caption className="visually-hidden">How the figure is made</caption>
            <tbody>
              {e.lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: explanation lines have no identity; the list is rebuilt whole.
                <tr key={i}>
                  <td>{line.text}</td>
                  <td className="num">{signed(line.quantity)}</td>
                </tr>
              ))}
              {e.lines.length === 0 ? (
                <tr>
                  <td>No stock at {e.sourceWarehouses.join(', ')} and nothing promised.</td>
                  <td className="num">0</td>
                </tr>
              ) : null}
              <tr className="explanation-total">
                <th scope="row">{e.result}</th>
                <td className="num">{e.breakdown.pushed}</td>
              </tr>
            </tbody>
          </table>
          {e.lastPush ? (
            <p className="muted">
              Last sent {e.lastPush.quantity} on {formatDateTime(e.lastPush.at)}:{' '}
              <span className={`badge ${pushStatusBadge[e.lastPush.status as PushState['status']] ?? ''}`}>
                {pushStatusLabel[e.lastPush.status as PushState['status']] ?? e.lastPush.status}
              </span>
              {e.lastPush.message ? ` ${e.lastPush.message}` : null}
              {e.lastPush.runId ? (
                <>
                  {' '}
                  (<Link to={`/sync-runs/${e.lastPush.runId}`}>run {e.lastPush.runId}</Link>)
                </>
              ) : null}
            </p>
          ) : (
            <p className="muted">Never sent to AJIO yet.</p>
          )}
        </>
      ) : null}
    </Section>
  );
}
