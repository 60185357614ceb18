import { get } from '../../api.ts';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { signed, type LevelDetail, type Movement } from './inventory-types.ts';

const columns: Column<Movement>[] = [
  { header: 'When', cell: (m) => formatDateTime(m.createdAt) },
  { header: 'Movement', cell: (m) => humanize(m.kind) },
  { header: 'On hand', cell: (m) => signed(m.onHandDelta), className: 'num' },
  { header: 'Damaged', cell: (m) => signed(m.damagedDelta), className: 'num' },
  { header: 'Reason', cell: (m) => m.reason },
  { header: 'Reference', cell: (m) => m.reference ?? '—' },
  { header: 'Who', cell: (m) => m.actor },
];

/** The movements of one level, newest first, paged on the server (a busy SKU has thousands). */
export function Ledger({ path, version }: { path: string; version: number }) {
  const load = async (after: string | undefined): Promise<Page<Movement>> => {
    const page = await get<LevelDetail>(path, { before: after, limit: 50 });
    return { items: page.ledger, next: page.nextBefore === null ? null : String(page.nextBefore) };
  };
  return (
    <PagedTable
      columns={columns}
      load={load}
      resetKey={`${path}#${version}`}
      rowKey={(m) => m.id}
      caption="Ledger"
      empty="No movements yet: this level was set outside the ledger or has never moved."
    />
  );
}
