import type { Coverage } from './dashboard-types.ts';

/** Shortest coverage first; a SKU below 100% is marked, with the units it will be short. */
export function CoverageTable({ items }: { items: Coverage['items'] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="coverage-table">
        <caption className="visually-hidden">Coverage of open demand by stock, per SKU</caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col" className="num">
              On hand
            </th>
            <th scope="col" className="num">
              Open PO units
            </th>
            <th scope="col" className="num">
              Pendency units
            </th>
            <th scope="col" className="num">
              Coverage
            </th>
            <th scope="col" className="num">
              Short units
            </th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                No open demand: nothing to cover.
              </td>
            </tr>
          ) : (
            items.map((r) => (
              <tr key={r.sku} className={r.predictedShort ? 'row-trouble' : undefined}>
                <th scope="row" data-label="SKU">
                  {r.sku} <span className="muted small">{r.name}</span>
                </th>
                <td className="num" data-label="On hand">
                  {r.onHand}
                </td>
                <td className="num" data-label="Open PO units">
                  {r.openPoUnits}
                </td>
                <td className="num" data-label="Pendency units">
                  {r.pendencyUnits}
                </td>
                <td className="num" data-label="Coverage">
                  {`${Math.round(r.coverage * 100)}%`}
                  {r.predictedShort ? <span className="badge badge-failing">short pick</span> : null}
                </td>
                <td className="num" data-label="Short units">
                  {r.shortUnits}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
