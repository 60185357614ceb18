import { unitsLeft, type ReturnDetail } from './return-types.ts';

/**
 * A return's lines and what has been received of each. Once the return is closed, what is left was
 * never received and is shown as missing.
 */
export function ReturnLines({ ret, heldLineId }: { ret: ReturnDetail; heldLineId?: number }) {
  const closed = ret.status === 'closed';
  return (
    <table className="table pack-lines">
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">EAN</th>
          <th scope="col">Received</th>
          <th scope="col" className="num">
            Returned
          </th>
          <th scope="col" className="num">
            Good
          </th>
          <th scope="col" className="num">
            Bad
          </th>
          <th scope="col" className="num">
            {closed ? 'Missing' : 'Left'}
          </th>
        </tr>
      </thead>
      <tbody>
        {ret.lines.map((l) => {
          const received = l.receivedGood + l.receivedBad;
          const left = unitsLeft(l);
          const classes = [
            left === 0 ? 'row-done' : '',
            !l.sku ? 'row-trouble' : '',
            l.id === heldLineId ? 'row-held' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <tr key={l.id} className={classes || undefined} data-testid={`return-line-${l.sku ?? l.channelSku}`}>
              <th scope="row" data-label="SKU">
                {l.sku ?? <span className="warn">Not mapped: AJIO SKU {l.channelSku}</span>}
                {l.name ? <div className="muted small">{l.name}</div> : null}
              </th>
              <td className="muted" data-label="EAN">
                {l.ean ?? '—'}
              </td>
              <td data-label="Received">
                <div
                  className="meter"
                  role="meter"
                  aria-valuemin={0}
                  aria-valuemax={l.quantity}
                  aria-valuenow={received}
                  aria-label={`${l.sku ?? l.channelSku} received`}
                >
                  <div className="meter-fill" style={{ width: `${(100 * received) / l.quantity}%` }} />
                </div>
                <span className="small">
                  {received} of {l.quantity}
                </span>
              </td>
              <td className="num" data-label="Returned">
                {l.quantity}
              </td>
              <td className="num" data-label="Good" data-testid="good">
                {l.receivedGood}
              </td>
              <td className="num" data-label="Bad" data-testid="bad">
                {l.receivedBad}
              </td>
              <td className="num big-number" data-label={closed ? 'Missing' : 'Left'}>
                {left}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
