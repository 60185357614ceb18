import type { PackState } from './pack-types.ts';

/** The PO's lines filling up, and its boxes; the open box stands out. */
export function BoxView({ state }: { state: PackState }) {
  return (
    <div className="pack-view">
      <table className="table pack-lines stack-rows">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">EAN</th>
            <th scope="col">Packed</th>
            <th scope="col" className="num">
              Left
            </th>
          </tr>
        </thead>
        <tbody>
          {state.lines.map((l) => {
            const wanted = l.ordered - l.cancelled;
            return (
              <tr key={l.lineId} className={l.remaining === 0 ? 'row-done' : undefined}>
                <th scope="row" data-label="SKU">
                  {l.sku}
                  <div className="muted small">{l.name}</div>
                </th>
                <td className="muted" data-label="EAN">
                  {l.ean ?? '—'}
                </td>
                <td data-label="Packed">
                  <div
                    className="meter"
                    role="meter"
                    aria-valuemin={0}
                    aria-valuemax={wanted}
                    aria-valuenow={l.packed}
                    aria-label={`${l.sku} packed`}
                  >
                    <div className="meter-fill" style={{ width: `${wanted ? (100 * l.packed) / wanted : 100}%` }} />
                  </div>
                  <span className="small">
                    {l.packed} of {wanted}
                  </span>
                </td>
                <td className="num big-number" data-label="Left">
                  {l.remaining}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className="boxes" aria-label="Boxes">
        {state.boxes.map((b) => (
          <li key={b.boxCode} className={b.status === 'open' ? 'box box-open' : 'box'} data-testid={`box-${b.boxCode}`}>
            <p className="box-title">
              Box {b.boxNo} · {b.boxCode}
            </p>
            <p className="muted small">{b.status === 'open' ? 'Open' : `Closed, ${b.weightGrams} g`}</p>
            <ul>
              {b.items.map((i) => (
                <li key={i.sku}>
                  {i.sku} × {i.quantity}
                </li>
              ))}
            </ul>
            {b.items.length === 0 ? <p className="muted small">Empty</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
