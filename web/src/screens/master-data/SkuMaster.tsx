import { useState } from 'react';
import { get, withQuery } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { formatRupees } from '../../format.ts';
import { navigate, useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { LoadFailed } from '../../components/LoadState.tsx';
import { SkuForm } from './SkuForm.tsx';
import { SkuImport } from './SkuImport.tsx';
import type { Sku } from './master-data-types.ts';
import './master-data.css';

/**
 * The SKU master: search by code, EAN, name or style; `?sku=<code>` opens one for editing (admins);
 * the whole master from CSV with a check before it is applied.
 */
export function SkuMaster({ query }: { query: URLSearchParams }) {
  useTitle('SKU master');
  const canEdit = useCan('admin');
  const q = query.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [version, setVersion] = useState(0);
  const editCode = query.get('sku');

  const load = (after: string | undefined) => get<Page<Sku>>('/api/skus', { q: q || undefined, after, limit: 50 });
  const columns: Column<Sku>[] = [
    {
      header: 'Code',
      cell: (s) =>
        canEdit ? (
          <Link to={withQuery('/skus', { q: q || undefined, sku: s.code })}>
            <span className="visually-hidden">Edit </span>
            {s.code}
          </Link>
        ) : (
          s.code
        ),
    },
    { header: 'Name', cell: (s) => s.name },
    { header: 'EAN', cell: (s) => s.ean ?? '—', className: 'mono' },
    { header: 'Style', cell: (s) => s.style || '—' },
    { header: 'Size', cell: (s) => s.size || '—' },
    { header: 'Colour', cell: (s) => s.colour || '—' },
    { header: 'HSN', cell: (s) => s.hsn || '—' },
    { header: 'MRP', cell: (s) => formatRupees(s.mrpPaise), className: 'num' },
    { header: 'Active', cell: (s) => (s.active ? 'Yes' : 'No') },
  ];

  return (
    <>
      <div className="page-head">
        <h1>SKU master</h1>
      </div>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(withQuery('/skus', { q: search.trim() || undefined }));
        }}
      >
        <TextField
          label="Search SKUs"
          type="search"
          name="q"
          value={search}
          onChange={setSearch}
          hint="Code, EAN, name or style"
        />
        <button type="submit">Search</button>
      </form>
      <PagedTable
        columns={columns}
        load={load}
        resetKey={`${q}|${version}`}
        rowKey={(s) => s.code}
        rowClass={(s) => (s.code === editCode ? 'row-selected' : s.active ? undefined : 'row-done')}
        caption="SKUs"
        empty={q ? 'No SKU matches.' : 'No SKU yet: import the SKU master from CSV below.'}
      />
      {canEdit && editCode ? (
        <EditSku
          code={editCode}
          onDone={() => navigate(withQuery('/skus', { q: q || undefined }))}
          onSaved={() => setVersion((n) => n + 1)}
        />
      ) : null}
      {canEdit ? (
        <Section
          title="Import the SKU master from CSV"
          description="Lines are added or updated by code. Check the file first: nothing is written until you apply it."
        >
          <SkuImport onApplied={() => setVersion((n) => n + 1)} />
        </Section>
      ) : null}
    </>
  );
}

function EditSku({ code, onDone, onSaved }: { code: string; onDone(): void; onSaved(): void }) {
  const sku = useLoad(() => get<Sku>(`/api/skus/${encodeURIComponent(code)}`), [code]);
  return (
    <Section
      title={`Edit SKU ${code}`}
      actions={
        <button type="button" onClick={onDone}>
          Done
        </button>
      }
    >
      {sku.error ? <LoadFailed error={sku.error} onRetry={sku.reload} /> : null}
      {sku.data ? <SkuForm key={sku.data.code} sku={sku.data} onSaved={onSaved} /> : null}
    </Section>
  );
}
