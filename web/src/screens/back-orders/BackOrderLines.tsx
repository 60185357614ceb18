import { useState } from 'react';
import { get } from '../../api.ts';
import { PagedTable, type Column } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { Select } from '../../components/Select.tsx';
import { formatDateTime } from '../../format.ts';
import { lineStatusOptions, type BackorderLine } from './back-order-types.ts';

const columns: Column<BackorderLine>[] = [
  { header: 'Order', cell: (l) => l.orderId },
  { header: 'Line', cell: (l) => l.orderItemId },
  { header: 'Weft SKU', cell: (l) => l.sku ?? <span className="muted">not mapped</span> },
  { header: 'Quantity', cell: (l) => l.quantity, className: 'num' },
  { header: 'Ordered', cell: (l) => (l.orderedAt ? formatDateTime(l.orderedAt) : '—') },
  { header: 'Status', cell: (l) => <span className={`badge badge-backorder-${l.status}`}>{l.status}</span> },
  { header: 'Reason', cell: (l) => (l.exception ? <span className="stream-error">{l.exception}</span> : '—') },
];

/** The back-order lines of one channel SKU, of every status or one. */
export function BackOrderLines({
  channel,
  sku,
  refreshes,
  onClose,
}: {
  channel: string;
  sku: string;
  refreshes: number;
  onClose(): void;
}) {
  const [status, setStatus] = useState('');
  const load = async (after: string | undefined) => {
    const page = await get<{ items: BackorderLine[]; next: number | null }>(
      `/api/channels/${encodeURIComponent(channel)}/backorders`,
      { channelSku: sku, status, after, limit: 50 },
    );
    return { items: page.items, next: page.next === null ? null : String(page.next) };
  };
  return (
    <Section
      title={`Lines of ${sku}`}
      description="Every back-order line AJIO sent for this SKU, with what became of it."
      actions={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Line status"
          name="lineStatus"
          value={status}
          empty="Every status"
          options={lineStatusOptions}
          onChange={setStatus}
        />
      </form>
      <PagedTable
        columns={columns}
        load={load}
        resetKey={JSON.stringify({ channel, sku, status, refreshes })}
        rowKey={(l) => l.id}
        caption={`Back-order lines of ${sku}`}
        empty="No lines of this SKU in that status."
      />
    </Section>
  );
}
