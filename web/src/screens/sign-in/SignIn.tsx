import { useState, type FormEvent } from 'react';
import { messageOf, post } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../router.ts';
import type { User } from '../../session.tsx';

/** Username and password; the API answers with an HttpOnly cookie the console never sees. */
export function SignIn({ onSignedIn }: { onSignedIn(user: User): void }) {
  useTitle('Sign in');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = 'Give your username.';
    if (!password) missing.password = 'Give your password.';
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const { user } = await post<{ user: User }>('/api/auth/session', { username: username.trim(), password });
      onSignedIn(user);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card" onSubmit={submit} noValidate>
        <h1>Sign in to Weft</h1>
        {failure ? <Notice kind="error">{failure}</Notice> : null}
        <TextField
          label="Username"
          name="username"
          value={username}
          onChange={setUsername}
          error={errors.username}
          autoComplete="username"
          autoFocus
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          autoComplete="current-password"
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
