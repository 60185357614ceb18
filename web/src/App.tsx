import { useEffect, useMemo, useState } from 'react';
import { ApiError, del, get, noConnectionMessage, onSignedOut } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { Notice } from './components/Notice.tsx';
import { navigate, useLocation } from './router.ts';
import { roleAllows, SessionContext, type Session, type User } from './session.tsx';
import { SignIn } from './screens/sign-in/SignIn.tsx';
import { routes } from './routes.tsx';
import { Loading, LoadFailed } from './components/LoadState.tsx';

/** Finds out who is signed in (the cookie decides), then shows the sign-in page or the screens. */
export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);
  /** Bumped by Retry when finding out who is signed in failed. */
  const [attempt, setAttempt] = useState(0);
  const location = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how Retry asks again.
  useEffect(() => {
    setBootError(null);
    get<User>('/api/auth/me').then(setUser, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) setUser(null);
      else setBootError(e instanceof ApiError ? e.message : noConnectionMessage);
    });
    return onSignedOut(() => setUser(null));
  }, [attempt]);

  const session = useMemo<Session | null>(
    () =>
      user
        ? {
            user,
            async signOut() {
              await del('/api/auth/session').catch(() => undefined);
              setUser(null);
              navigate('/');
            },
          }
        : null,
    [user],
  );

  if (bootError)
    return (
      <main className="page">
        <LoadFailed error={bootError} onRetry={() => setAttempt((n) => n + 1)} />
      </main>
    );
  if (user === undefined)
    return (
      <main className="page">
        <Loading />
      </main>
    );
  if (!session) return <SignIn onSignedIn={setUser} />;

  const found = routes.find((r) => r.match(location.path));
  const allowed = found && roleAllows(session.user.role, found.role);
  return (
    <SessionContext.Provider value={session}>
      <Layout>
        {!found ? (
          <Notice kind="info">There is no page at {location.path}. Choose a screen above.</Notice>
        ) : !allowed ? (
          <Notice kind="error">
            This page needs the {found.role} role; you are signed in as {session.user.role}.
          </Notice>
        ) : (
          found.render(found.match(location.path)!, location.query)
        )}
      </Layout>
    </SessionContext.Provider>
  );
}
