import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { LevelFilters, levelFiltersOf, type LevelFilterValues } from './LevelFilters.tsx';
import { levelPath, type LevelRow } from './inventory-types.ts';
import './inventory.css';

const columns: Column<LevelRow>[] = [
  { header: 'Warehouse', cell: (l) => l.warehouse },
  { header: 'SKU', cell: (l) => <Link to={levelPath(l.warehouse, l.sku)}>{l.sku}</Link> },
  { header: 'Name', cell: (l) => l.skuName },
  { header: 'On hand', cell: (l) => l.onHand, className: 'num' },
  { header: 'Damaged', cell: (l) => l.damaged, className: 'num' },
  { header: 'Allocated', cell: (l) => l.allocated, className: 'num' },
  { header: 'Reserved', cell: (l) => l.reserved, className: 'num' },
  { header: 'Available', cell: (l) => <strong>{l.available}</strong>, className: 'num' },
];

/**
 * Stock per warehouse and SKU: what is on the shelf, what orders and pendency already hold, and what
 * is left. Searched and paged on the server, so it is as quick with 100,000 SKUs as with 10.
 */
export function InventoryLevels({ query }: { query: URLSearchParams }) {
  useTitle('Inventory');
  const filters = levelFiltersOf(query);
  const resetKey = JSON.stringify(filters);
  const channels = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/channels'), []);
  const load = async (after: string | undefined): Promise<Page<LevelRow>> =>
    get<Page<LevelRow>>('/api/inventory/levels', { q: filters.q, warehouse: filters.warehouse, after, limit: 50 });
  const to = (next: LevelFilterValues) => withQuery('/inventory', { ...next });
  const canCount = useCan('operator');

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Inventory</h1>
          <p className="muted">
            Available = on hand − allocated to POs still to ship − reserved for open pendency. Damaged units are not on
            hand.
          </p>
        </div>
        <div className="actions">
          {canCount ? (
            <Link to="/inventory/import" className="button">
              Import counts
            </Link>
          ) : null}
          {(channels.data?.items ?? []).map((c) => (
            <Link key={c.code} to={`/channels/${encodeURIComponent(c.code)}/inventory`} className="button">
              What {c.code} gets
            </Link>
          ))}
        </div>
      </div>
      <LevelFilters value={filters} to={to} />
      <PagedTable
        columns={columns}
        load={load}
        resetKey={resetKey}
        rowKey={(l) => `${l.warehouse}/${l.sku}`}
        caption="Stock levels"
        rowClass={(l) => (l.available < 0 ? 'row-trouble' : undefined)}
        empty="No stock matches this search."
      />
    </>
  );
}
