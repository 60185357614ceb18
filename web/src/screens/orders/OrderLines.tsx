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
            <td>{l.externalLineId}</td>
            <td>{l.skuCode ?? <span className="warn">not linked</span>}</td>
            <td className="muted">{l.channelSku}</td>
            <td className="num">{l.quantity}</td>
            <td className="num">{l.cancelledQty || '—'}</td>
            <td className="num">{l.shortPickedQty || '—'}</td>
            <td className="num">{l.packedQty || '—'}</td>
            <td className="num">{l.shippedQty || '—'}</td>
            <td className="num">{l.remaining}</td>
            <td className="num">{formatRupees(l.unitPricePaise)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
