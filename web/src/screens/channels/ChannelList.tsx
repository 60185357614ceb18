import { useState } from 'react';
import { ModeBadge } from './ChannelMode.tsx';
import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { ListLoading, LoadFailed, StateRow } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { BackgroundWork } from './BackgroundWork.tsx';
import {
  driftHealthOf,
  healthOf,
  pushesInTrouble,
  streams,
  troubleHealth,
  type ChannelListItem,
} from './channel-types.ts';
import { DriftHealthCell } from './DriftHealthCell.tsx';
import { PrinterSettings } from './PrinterSettings.tsx';
import { PushHealthCell } from './PushHealthCell.tsx';
import { SessionValidity } from './SessionValidity.tsx';
import { StreamHealth } from './StreamHealth.tsx';

/** Manage Channels: every channel and, per stream, its last run — a health view where trouble stands out. */
export function ChannelList() {
  useTitle('Manage Channels');
  const canAdd = useCan('admin');
  const { data, error, loading, reload } = useLoad(() => get<{ items: ChannelListItem[] }>('/api/channels'), []);
  const items = data?.items ?? [];
  const troubled = items.filter(
    (c) =>
      c.loginRefused !== null ||
      c.streams.some((s) => troubleHealth.includes(healthOf(s))) ||
      pushesInTrouble(c.pushes) ||
      driftHealthOf(c.contractDrift) === 'failing',
  );
  const [tick, setTick] = useState(0);

  return (
    <>
      <div className="page-head">
        <h1>Manage Channels</h1>
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              reload();
              setTick((n) => n + 1);
            }}
            disabled={loading}
          >
            Refresh
          </button>
          {canAdd ? (
            <Link to="/channels/new" className="button primary">
              Add New
            </Link>
          ) : null}
        </div>
      </div>
      {error ? <LoadFailed error={error} onRetry={reload} /> : null}
      {troubled.length ? (
        <Notice kind="error">
          {troubled.map((c) => c.code).join(', ')}: AJIO refused the login, a stream or a push to AJIO is failing or
          stuck, or AJIO's answers drift from the contract; open the channel to see why.
        </Notice>
      ) : null}
      <BackgroundWork tick={tick} />
      <div className="table-wrap" aria-busy={loading}>
        <table className="table channels">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Warehouse</th>
              <th scope="col">Status</th>
              <th scope="col">Mode</th>
              <th scope="col">Token valid until</th>
              {streams.map((s) => (
                <th key={s.stream} scope="col">
                  {s.label}
                </th>
              ))}
              <th scope="col">Pushes to AJIO</th>
              <th scope="col">Contract</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.code} className={troubled.includes(c) ? 'row-trouble' : undefined}>
                <td data-label="Code">
                  <Link to={`/channels/${c.code}`}>{c.code}</Link>
                </td>
                <td data-label="Name">{c.name}</td>
                <td data-label="Warehouse">{c.warehouse}</td>
                <td data-label="Status">
                  <span className={`badge badge-status-${c.status}`}>{c.status}</span>
                </td>
                <td data-label="Mode">
                  <ModeBadge mode={c.mode} />
                </td>
                <td data-label="Token valid until">
                  <SessionValidity until={c.sessionValidUntil} />
                </td>
                {streams.map((s) => (
                  <td key={s.stream} data-label={s.label}>
                    <StreamHealth run={c.streams.find((r) => r.stream === s.stream)} login={c.loginRefused} />
                  </td>
                ))}
                <td data-label="Pushes to AJIO">
                  <PushHealthCell pushes={c.pushes} />
                </td>
                <td data-label="Contract">
                  <DriftHealthCell drift={c.contractDrift} />
                </td>
              </tr>
            ))}
            <StateRow
              loading={loading}
              error={error}
              count={items.length}
              colSpan={7 + streams.length}
              empty={`No channels yet.${canAdd ? ' Use "Add New" to connect AJIO JIT.' : ''}`}
            />
          </tbody>
        </table>
        <ListLoading loading={loading} error={error} count={items.length} />
      </div>
      <PrinterSettings />
    </>
  );
}
