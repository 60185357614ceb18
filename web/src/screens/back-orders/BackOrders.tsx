import { useState } from 'react';
import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
import { formatDateTime } from '../../format.ts';
import { navigate, useTitle } from '../../router.ts';
import { useChannelFilter } from '../../use-channel-filter.ts';
import { BackOrderLines } from './BackOrderLines.tsx';
import { showOptions, type BackorderSku } from './back-order-types.ts';
import './back-orders.css';

interface Filter {
  channel: string;
  show: string;
  sku: string;
}

/**
 * Back orders (pendency): customer demand AJIO assigned before a purchase order, per channel and
 * channel SKU — what is open, the units reserved for it, and the exceptions that reserve nothing with
 * the reason. Choosing a SKU lists its lines. The filter is kept in the URL.
 */
export function BackOrders({ query }: { query: URLSearchParams }) {
  useTitle('Back orders');
  const channel = query.get('channel') ?? '';
  const show = query.get('show') ?? '';
  const sku = query.get('sku') ?? '';
  const channels = useChannelFilter('/back-orders', { channel, show, sku });
  const [refreshes, setRefreshes] = useState(0);

  const go = (change: Partial<Filter>) => navigate(withQuery('/back-orders', { channel, show, sku, ...change }));
  const load = (after: string | undefined) =>
    get<Page<BackorderSku>>(`/api/channels/${encodeURIComponent(channel)}/backorders/by-sku`, {
      only: show,
      after,
      limit: 50,
    });

  const columns: Column<BackorderSku>[] = [
    {
      header: 'Channel SKU',
      cell: (r) => <Link to={withQuery('/back-orders', { channel, show, sku: r.channelSku })}>{r.channelSku}</Link>,
    },
    { header: 'Weft SKU', cell: (r) => r.sku ?? <span className="muted">not mapped</span> },
    { header: 'Open', cell: (r) => (r.openLines ? `${r.openUnits} in ${r.openLines} line(s)` : '—'), className: 'num' },
    { header: 'Reserved', cell: (r) => r.reservedUnits, className: 'num' },
    {
      header: 'Exceptions',
      cell: (r) => (r.exceptionLines ? `${r.exceptionUnits} in ${r.exceptionLines} line(s)` : '—'),
      className: 'num',
    },
    {
      header: 'Reason',
      cell: (r) =>
        r.exception ? (
          <>
            <span className="stream-error">{r.exception}</span>{' '}
            <Link to={`/channels/${encodeURIComponent(channel)}/mappings`}>Channel mappings</Link>
          </>
        ) : (
          '—'
        ),
    },
    { header: 'Oldest order', cell: (r) => (r.oldestOrderedAt ? formatDateTime(r.oldestOrderedAt) : '—') },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Back orders</h1>
        <div className="actions">
          {channel ? (
            <Link to={withQuery('/sync-runs', { channel, stream: 'backorders' })} className="button">
              Back-order pulls
            </Link>
          ) : null}
          <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
            Refresh
          </button>
        </div>
      </div>
      <p className="muted">
        Customer orders AJIO assigned before a purchase order. Open ones reserve stock of their Weft SKU; an exception
        reserves nothing until its cause is fixed.
      </p>
      {channels.error ? <Notice kind="error">{channels.error}</Notice> : null}
      {channels.data && channels.data.items.length === 0 ? (
        <Notice kind="info">There are no channels yet: add one under Manage Channels.</Notice>
      ) : null}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Channel"
          name="channel"
          value={channel}
          onChange={(c) => go({ channel: c, sku: '' })}
          options={codeOptions(channels.data?.items)}
        />
        <Select
          label="Show"
          name="show"
          value={show}
          empty="Open and exceptions"
          options={showOptions}
          onChange={(s) => go({ show: s })}
        />
      </form>
      {channel ? (
        <PagedTable
          columns={columns}
          load={load}
          resetKey={JSON.stringify({ channel, show, refreshes })}
          rowKey={(r) => r.channelSku}
          caption="Back orders by SKU"
          rowClass={(r) => (r.exceptionLines ? 'row-trouble' : undefined)}
          empty={show ? 'No back orders match.' : 'No open back orders and no exceptions.'}
        />
      ) : null}
      {channel && sku ? (
        <BackOrderLines
          key={`${channel}/${sku}`}
          channel={channel}
          sku={sku}
          refreshes={refreshes}
          onClose={() => go({ sku: '' })}
        />
      ) : null}
    </>
  );
}
