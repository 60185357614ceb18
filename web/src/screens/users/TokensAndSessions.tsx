import { del, get } from '../../api.ts';
import { ListLoading, LoadFailed, StateRow } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ago, formatDateTime } from '../../format.ts';
import { useLoad } from '../../use-load.ts';
import { useSubmit } from '../../use-submit.ts';
import type { ListedToken } from './user-types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';

interface Props {
  username: string;
  /** Bumped by whatever changes the user's tokens elsewhere (issuing one, a password reset), so the list reloads. */
  version: number;
}

const kindLabel: Record<ListedToken['kind'], string> = { token: 'API token', session: 'Console session' };

/**
 * A user's API tokens and console sessions (never the secret itself), with a Revoke button for each live
 * one: it stops working on its next request, without disabling the user.
 */
export function TokensAndSessions({ username, version }: Props) {
  const path = `/api/users/${encodeURIComponent(username)}/tokens`;
  const { data, error, loading, reload } = useLoad(() => get<{ items: ListedToken[] }>(path), [path, version]);
  const revoke = useSubmit([]);
  const items = data?.items ?? [];

  const revokeOne = (token: ListedToken) =>
    revoke.run(async () => {
      await del<ListedToken>(`${path}/${token.id}`);
      reload();
      return token.kind === 'session'
        ? `The console session of ${username} from ${formatDateTime(token.createdAt)} is ended: it is signed out.`
        : `The token "${token.name}" is revoked: it no longer works.`;
    });

  return (
    <div>
      {error ? <LoadFailed error={error} onRetry={reload} /> : null}
      {revoke.failure ? <Notice kind="error">{revoke.failure}</Notice> : null}
      {revoke.done ? <Notice kind="success">{revoke.done}</Notice> : null}
      <div className="table-wrap" aria-busy={loading}>
        <table className="table tokens">
          <caption className="visually-hidden">Tokens and sessions of {username}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((token) => (
              <tr key={token.id} data-testid="token-row" className={token.status === 'active' ? undefined : 'row-done'}>
                <th scope="row" data-label="Name">
                  {token.name}
                </th>
                <td data-label="Kind" data-testid="kind">
                  {kindLabel[token.kind]}
                </td>
                <td data-label="Created">{formatDateTime(token.createdAt)}</td>
                <td data-label="Last used">{ago(token.lastUsedAt)}</td>
                <td data-label="Expires">{token.expiresAt ? formatDateTime(token.expiresAt) : 'never'}</td>
                <td data-label="Status">
                  <span className={`badge badge-token-${token.status}`} data-testid="status">
                    {token.status}
                  </span>
                </td>
                <td data-label="" className="right">
                  {token.status === 'active' ? (
                    <ConfirmButton
                      disabled={revoke.busy}
                      busy={revoke.busy}
                      question={
                        token.kind === 'session'
                          ? `End the console session of ${username} from ${formatDateTime(token.createdAt)}? It is signed out at once.`
                          : `Revoke the token "${token.name}"? Whatever uses it stops working at once.`
                      }
                      confirmLabel={token.kind === 'session' ? 'End session' : 'Revoke'}
                      onConfirm={() => revokeOne(token)}
                    >
                      Revoke
                      <span className="visually-hidden">
                        {' '}
                        {token.name} {token.id}
                      </span>
                    </ConfirmButton>
                  ) : null}
                </td>
              </tr>
            ))}
            <StateRow
              loading={loading}
              error={error}
              count={items.length}
              colSpan={7}
              empty="No tokens or sessions in the last 30 days."
            />
          </tbody>
        </table>
        <ListLoading loading={loading} error={error} count={items.length} />
      </div>
    </div>
  );
}
