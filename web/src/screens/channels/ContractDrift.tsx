import { useState } from 'react';
import { get, messageOf, post } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { ago, formatDateTime } from '../../format.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';

interface DriftEvent {
  id: number;
  call: string;
  field: string;
  expected: string;
  got: string;
  sample: string;
  firstSeenAt: string;
  lastSeenAt: string;
  count: number;
  resolvedAt: string | null;
}

interface ContractDriftView {
  open: number;
  items: DriftEvent[];
  unknownFields: { call: string; field: string; firstSeenAt: string; lastSeenAt: string; count: number }[];
}

/**
 * The contract guard of a channel: each field Weft's parsers need that the marketplace left out or
 * sent as another type (the records it concerns are held), and the fields it added that Weft does
 * not know. Operators mark an event resolved once the connector or the marketplace is corrected.
 */
export function ContractDrift({ code }: { code: string }) {
  const canResolve = useCan('operator');
  const drift = useLoad(() => get<ContractDriftView>(`/api/channels/${code}/contract-drift`), [code]);
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function resolve(event: DriftEvent) {
    setNews(null);
    try {
      await post(`/api/channels/${code}/contract-drift/${event.id}/resolve`);
      setNews({ kind: 'success', text: `${event.call} ${event.field}: marked resolved.` });
      drift.reload();
    } catch (error) {
      setNews({ kind: 'error', text: messageOf(error) });
    }
  }

  const items = drift.data?.items ?? [];
  const unknown = drift.data?.unknownFields ?? [];
  return (
    <Section
      title="Contract drift"
      description="Fields AJIO's answers left out or sent as another type. The orders and figures they concern are held, never read as empty or zero."
      actions={
        <button type="button" onClick={drift.reload}>
          Refresh
        </button>
      }
    >
      {news ? <Notice kind={news.kind}>{news.text}</Notice> : null}
      {drift.error ? <Notice kind="error">{drift.error}</Notice> : null}
      {drift.data && items.length === 0 ? (
        <p className="muted" data-testid="contract-drift-none">
          No drift: every answer matched the contract.
        </p>
      ) : null}
      {items.length ? (
        <table className="table" data-testid="contract-drift">
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Field</th>
              <th scope="col">Expected</th>
              <th scope="col">Got</th>
              <th scope="col">Seen</th>
              <th scope="col">Sample</th>
              {canResolve ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} className="row-trouble">
                <td>{e.call}</td>
                <th scope="row">
                  <code>{e.field}</code>
                </th>
                <td>{e.expected}</td>
                <td>{e.got}</td>
                <td>
                  {e.count}× since {formatDateTime(e.firstSeenAt)}, last {ago(e.lastSeenAt)}
                </td>
                <td>
                  <code className="small drift-sample">{e.sample}</code>
                </td>
                {canResolve ? (
                  <td>
                    <button type="button" onClick={() => resolve(e)}>
                      Mark resolved
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {unknown.length ? (
        <details>
          <summary>
            {unknown.length} field{unknown.length === 1 ? '' : 's'} AJIO sent that the contract does not know
          </summary>
          <ul>
            {unknown.map((o) => (
              <li key={`${o.call} ${o.field}`}>
                {o.call} <code>{o.field}</code>{' '}
                <span className="muted small">
                  ({o.count}×, last {ago(o.lastSeenAt)})
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
