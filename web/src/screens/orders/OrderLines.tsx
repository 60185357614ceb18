import { formatRupees } from '../../format.ts';
import type { OrderLine } from './order-types.ts';

/** Every quantity that explains a line: ordered = cancelled + short-picked + shipped + still open. */
export function OrderLines({ lines }: { lines: OrderLine[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">SKU</th>
          <th scope="col">AJIO SKU</th>
          <th scope="col" className="num">
            Ordered
          </th>
          <th scope="col" className="num">
            Cancelled
          </th>
          <th scope="col" className="num">
            Short-picked
          </th>
          <th scope="col" className="num">
            Packed
          </th>
          <th scope="col" className="num">
            Shipped
          </th>
          <th scope="col" className="num">
            Open
          </th>
          <th scope="col" className="num">
            Unit price
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id}>
            <td data-label="Line">{l.externalLineId}</td>
            <td data-label="SKU">{l.skuCode ?? <span className="warn">not linked</span>}</td>
            <td data-label="AJIO SKU" className="muted">
              {l.channelSku}
            </td>
            <td data-label="Ordered" className="num">
              {l.quantity}
            </td>
            <td data-label="Cancelled" className="num">
              {l.cancelledQty || '—'}
            </td>
            <td data-label="Short-picked" className="num">
              {l.shortPickedQty || '—'}
            </td>
            <td data-label="Packed" className="num">
              {l.packedQty || '—'}
            </td>
            <td data-label="Shipped" className="num">
              {l.shippedQty || '—'}
            </td>
            <td data-label="Open" className="num">
              {l.remaining}
            </td>
            <td data-label="Unit price" className="num">
              {formatRupees(l.unitPricePaise)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
