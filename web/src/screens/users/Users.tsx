import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { ListLoading, LoadFailed, StateRow } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { ago, formatDate } from '../../format.ts';
import { navigate, useTitle } from '../../router.ts';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { AddUser } from './AddUser.tsx';
import { ManageUser } from './ManageUser.tsx';
import type { ListedUser } from './user-types.ts';
import './users.css';

/**
 * Users (admins only): who may use Weft and with what role. `?user=<name>` opens one user's role,
 * password, access, API tokens and console sessions, so the page can be linked to.
 */
export function Users({ query }: { query: URLSearchParams }) {
  useTitle('Users');
  const me = useSession().user;
  const { data, error, loading, reload } = useLoad(() => get<{ items: ListedUser[] }>('/api/users'), []);
  const items = data?.items ?? [];
  const selectedName = query.get('user');
  const selected = items.find((u) => u.username === selectedName);

  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
        <div className="actions">
          <button type="button" onClick={reload} disabled={loading}>
            Refresh
          </button>
        </div>
      </div>
      {error ? <LoadFailed error={error} onRetry={reload} /> : null}
      <div className="table-wrap" aria-busy={loading}>
        <table className="table users">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Added</th>
              <th scope="col">Last seen</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr
                key={u.id}
                className={u.username === selectedName ? 'row-selected' : !u.active ? 'row-done' : undefined}
                data-testid={`user-${u.username}`}
              >
                <th scope="row" data-label="Username">
                  {u.username}
                  {u.username === me.username ? <span className="muted small"> (you)</span> : null}
                </th>
                <td data-label="Role">
                  <span className={`badge badge-role-${u.role}`} data-testid="role">
                    {u.role}
                  </span>
                </td>
                <td data-label="Status">
                  <span className={`badge badge-status-${u.active ? 'active' : 'disabled'}`} data-testid="status">
                    {u.active ? 'active' : 'disabled'}
                  </span>
                </td>
                <td data-label="Added">{formatDate(u.createdAt)}</td>
                <td data-label="Last seen">{ago(u.lastSeenAt)}</td>
                <td data-label="" className="right">
                  <Link to={withQuery('/users', { user: u.username })}>
                    Manage<span className="visually-hidden"> {u.username}</span>
                  </Link>
                </td>
              </tr>
            ))}
            <StateRow loading={loading} error={error} count={items.length} colSpan={6} empty="No users yet." />
          </tbody>
        </table>
        <ListLoading loading={loading} error={error} count={items.length} />
      </div>
      {selectedName && data && !selected ? <Notice kind="error">There is no user named {selectedName}.</Notice> : null}
      {selected ? (
        <>
          <div className="page-head manage-head">
            <h2>Manage {selected.username}</h2>
            <button type="button" onClick={() => navigate('/users')}>
              Done
            </button>
          </div>
          <ManageUser user={selected} onChanged={reload} />
        </>
      ) : null}
      <Section
        title="Add a user"
        description="Operators pick, pack and receive returns; viewers only read; admins also manage channels and users."
      >
        <AddUser onAdded={reload} />
      </Section>
    </>
  );
}
