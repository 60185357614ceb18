import { useState } from 'react';
import { post } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Select } from '../../components/Select.tsx';
import { roleChoices, type ListedUser } from './user-types.ts';
import { useSubmit } from '../../use-submit.ts';

/** Adds a user with a first password; what the API refuses is shown next to the field it concerns. */
export function AddUser({ onAdded }: { onAdded(user: ListedUser): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('');
  const form = useSubmit(['username', 'password', 'role']);

  const submit = form.onSubmit(async () => {
    const user = await post<ListedUser>('/api/users', { username: username.trim(), password, role });
    setUsername('');
    setPassword('');
    setRole('');
    onAdded(user);
    return `${user.username} is added as ${user.role}: give them the password to sign in.`;
  });

  return (
    <form onSubmit={submit} noValidate>
      {form.done ? <Notice kind="success">{form.done}</Notice> : null}
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      <div className="grid">
        <TextField
          label="Username"
          name="username"
          value={username}
          onChange={setUsername}
          error={form.errors.username}
          autoComplete="off"
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          error={form.errors.password}
          autoComplete="new-password"
          hint="At least 10 characters."
        />
        <Select
          label="Role"
          name="role"
          value={role}
          onChange={setRole}
          options={roleChoices}
          empty="Choose a role"
          error={form.errors.role}
        />
      </div>
      <button type="submit" className="primary" disabled={form.busy}>
        {form.busy ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
