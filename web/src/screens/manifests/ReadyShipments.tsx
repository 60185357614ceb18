import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { formatDateTime } from '../../format.ts';
import { formatKg, type ReadyShipment } from './manifest-types.ts';

type ReadyPage = Page<ReadyShipment> & { total: number };

const columns: Column<ReadyShipment>[] = [
  { header: 'PO', cell: (s) => <Link to={`/orders/${s.orderId}`}>{s.poNumber}</Link> },
  { header: 'Channel', cell: (s) => s.channel },
  { header: 'Warehouse', cell: (s) => s.warehouse },
  { header: 'PO date', cell: (s) => formatDateTime(s.poDate) },
  { header: 'Invoice', cell: (s) => s.invoiceNumber },
  { header: 'Master AWB', cell: (s) => s.masterAwb },
  { header: 'Boxes', cell: (s) => s.boxes, className: 'num' },
  { header: 'Weight', cell: (s) => formatKg(s.weightGrams), className: 'num' },
  {
    header: 'Note',
    cell: (s) => (s.refusedBefore ? <span className="refusal">Refused before: {s.refusedBefore}</span> : null),
  },
];

/**
 * The shipments a new manifest would take for this channel and warehouse (invoiced, with AWBs, on no
 * live manifest), paged on the server, with how many there are in all.
 */
export function ReadyShipments({
  channel,
  warehouse,
  onTotal,
}: {
  channel: string;
  warehouse: string;
  onTotal(total: number): void;
}) {
  const load = async (after: string | undefined) => {
    const page = await get<ReadyPage>('/api/manifests/ready', { channel, warehouse, after, limit: 25 });
    onTotal(page.total);
    return page;
  };
  return (
    <PagedTable
      columns={columns}
      load={load}
      resetKey={`${channel}:${warehouse}`}
      rowKey={(s) => s.orderId}
      rowClass={(s) => (s.refusedBefore ? 'row-trouble' : undefined)}
      caption="Shipments ready for a manifest"
      empty="No shipment is ready: POs are ready once packed, invoiced and labelled."
    />
  );
}
