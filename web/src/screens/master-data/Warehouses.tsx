import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { ListLoading, LoadFailed, StateRow } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { navigate, useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { WarehouseForm } from './WarehouseForm.tsx';
import { stateName, type Warehouse } from './master-data-types.ts';
import './master-data.css';

/**
 * Warehouses: where stock is kept and orders are shipped from, each with the GSTIN its invoices carry.
 * Everyone reads; admins add and change (`?edit=<code>` opens one for editing, so it can be linked).
 */
export function Warehouses({ query }: { query: URLSearchParams }) {
  useTitle('Warehouses');
  const canEdit = useCan('admin');
  const { data, error, loading, reload } = useLoad(() => get<{ items: Warehouse[] }>('/api/warehouses'), []);
  const items = data?.items ?? [];
  const editCode = query.get('edit');
  const editing = items.find((w) => w.code === editCode);

  return (
    <>
      <div className="page-head">
        <h1>Warehouses</h1>
      </div>
      {error ? <LoadFailed error={error} onRetry={reload} /> : null}
      <div className="table-wrap" aria-busy={loading}>
        <table className="table">
          <caption className="visually-hidden">Warehouses</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">GSTIN</th>
              <th scope="col">State</th>
              <th scope="col">City</th>
              <th scope="col">PIN</th>
              {canEdit ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((w) => (
              <tr key={w.code} className={w.code === editCode ? 'row-selected' : undefined}>
                <th scope="row" data-label="Code">
                  {w.code}
                </th>
                <td data-label="Name">{w.name}</td>
                <td data-label="GSTIN" className="mono">
                  {w.gstin ?? <span className="muted">none</span>}
                </td>
                <td data-label="State">
                  {w.stateCode} {stateName(w.stateCode)}
                </td>
                <td data-label="City">{w.city || '—'}</td>
                <td data-label="PIN">{w.pincode}</td>
                {canEdit ? (
                  <td data-label="Change">
                    <Link to={withQuery('/warehouses', { edit: w.code })}>
                      Edit<span className="visually-hidden"> {w.code}</span>
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
            <StateRow
              loading={loading}
              error={error}
              count={items.length}
              colSpan={canEdit ? 7 : 6}
              empty="No warehouse yet: add the first one below."
            />
          </tbody>
        </table>
        <ListLoading loading={loading} error={error} count={items.length} />
      </div>
      {canEdit && editCode && data && !editing ? (
        <Notice kind="error">There is no warehouse with code {editCode}.</Notice>
      ) : null}
      {canEdit && editing ? (
        <Section
          title={`Edit warehouse ${editing.code}`}
          actions={
            <button type="button" onClick={() => navigate('/warehouses')}>
              Done
            </button>
          }
        >
          <WarehouseForm key={editing.code} editing={editing} onSaved={reload} />
        </Section>
      ) : null}
      {canEdit ? (
        <Section title="Add a warehouse" description="The order source warehouse of a channel, with its GSTIN.">
          <WarehouseForm onSaved={reload} />
        </Section>
      ) : null}
    </>
  );
}
