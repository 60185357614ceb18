import { Link } from '../../components/Link.tsx';
import { humanize } from '../../format.ts';
import { formatKg, type ManifestOrder } from './manifest-types.ts';

/** Every PO on the manifest: where it stands on it, with AJIO's message when it refused it. */
export function ManifestShipments({ items }: { items: ManifestOrder[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Shipments on the manifest">
        <thead>
          <tr>
            <th scope="col">PO</th>
            <th scope="col">On the manifest</th>
            <th scope="col">Order</th>
            <th scope="col">Invoice</th>
            <th scope="col">Master AWB</th>
            <th scope="col" className="num">
              Boxes
            </th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col">AJIO's message</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.orderId} className={i.status === 'refused' ? 'row-trouble' : undefined}>
              <td data-label="PO">
                <Link to={`/orders/${i.orderId}`}>{i.poNumber}</Link>
              </td>
              <td data-label="On the manifest">
                <span className={`badge badge-manifest-${i.status}`}>{i.status}</span>
              </td>
              <td data-label="Order">
                <span className={`badge badge-order-${i.orderStatus}`}>{humanize(i.orderStatus)}</span>
              </td>
              <td data-label="Invoice">{i.invoiceNumber ?? '—'}</td>
              <td data-label="Master AWB">{i.masterAwb ?? '—'}</td>
              <td data-label="Boxes" className="num">
                {i.boxes}
              </td>
              <td data-label="Weight" className="num">
                {formatKg(i.weightGrams)}
              </td>
              <td data-label="AJIO's message">{i.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
