import { useReducer, useState } from 'react';
import { patch } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { Select } from '../../components/Select.tsx';
import { IssueToken } from './IssueToken.tsx';
import { TokensAndSessions } from './TokensAndSessions.tsx';
import { roleChoices, type ChangedUser, type ListedUser } from './user-types.ts';
import { useSubmit } from '../../use-submit.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';

interface Props {
  user: ListedUser;
  onChanged(): void;
}

/**
 * One user's role, password, access, API tokens and console sessions; each is its own small form with
 * its own answer. Issuing a token or resetting the password changes the token list, so both reload it.
 */
export function ManageUser({ user, onChanged }: Props) {
  const [tokensVersion, tokensChanged] = useReducer((n: number) => n + 1, 0);
  return (
    <>
      <div className="columns">
        <Section title={`Role and access of ${user.username}`}>
          <ChangeRole key={user.username} user={user} onChanged={onChanged} />
          <hr className="split" />
          <Access user={user} onChanged={onChanged} />
        </Section>
        <Section
          title="Reset password"
          description="For a forgotten password: set a new one and tell the user. It also signs them out of the console everywhere."
        >
          <ResetPassword key={user.username} user={user} onReset={tokensChanged} />
        </Section>
        <Section title="API token" description="For an integration that calls Weft's API as this user.">
          <IssueToken key={user.username} username={user.username} onIssued={tokensChanged} />
        </Section>
      </div>
      <Section
        title="Tokens and sessions"
        description="API tokens and console sessions of this user, live ones and those ended in the last 30 days. Revoking one stops it at once."
      >
        <TokensAndSessions key={user.username} username={user.username} version={tokensVersion} />
      </Section>
    </>
  );
}

function ChangeRole({ user, onChanged }: Props) {
  const [role, setRole] = useState<string>(user.role);
  const form = useSubmit(['role']);

  const submit = form.onSubmit(async () => {
    const changed = await patch<ListedUser>(`/api/users/${encodeURIComponent(user.username)}`, { role });
    onChanged();
    return `${changed.username} is now ${changed.role === 'admin' ? 'an' : 'a'} ${changed.role}.`;
  });

  return (
    <form onSubmit={submit} noValidate>
      {form.done ? <Notice kind="success">{form.done}</Notice> : null}
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      <Select label="Role" name="role" value={role} onChange={setRole} options={roleChoices} error={form.errors.role} />
      <button type="submit" disabled={form.busy || role === user.role}>
        Change role
      </button>
    </form>
  );
}

function Access({ user, onChanged }: Props) {
  const form = useSubmit([]);

  const toggle = () =>
    form.run(async () => {
      await patch<ListedUser>(`/api/users/${encodeURIComponent(user.username)}`, { active: !user.active });
      onChanged();
    });

  return (
    <div>
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      <p className="muted">
        {user.active
          ? `${user.username} can sign in. Disabling stops their sign-in and revokes every token and session they have, at once: enabling them again brings none back.`
          : `${user.username} is disabled: they cannot sign in, and their tokens and sessions are revoked.`}
      </p>
      {user.active ? (
        <ConfirmButton
          disabled={form.busy}
          busy={form.busy}
          question={`Disable ${user.username}? They are signed out and every token and session of theirs is revoked.`}
          confirmLabel={`Disable ${user.username}`}
          keepLabel="Keep them active"
          onConfirm={toggle}
        >
          Disable user
        </ConfirmButton>
      ) : (
        <button type="button" className="primary" disabled={form.busy} onClick={() => void toggle()}>
          Enable user
        </button>
      )}
    </div>
  );
}

function ResetPassword({ user, onReset }: { user: ListedUser; onReset(): void }) {
  const [password, setPassword] = useState('');
  const form = useSubmit(['password']);

  const submit = form.onSubmit(async () => {
    const changed = await patch<ChangedUser>(`/api/users/${encodeURIComponent(user.username)}`, { password });
    setPassword('');
    onReset();
    return `The password of ${user.username} is changed: tell them the new one. The old one no longer works. ${sessionsEndedSentence(changed.sessionsEnded ?? 0)}`;
  });

  return (
    <form onSubmit={submit} noValidate>
      {form.done ? <Notice kind="success">{form.done}</Notice> : null}
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      <TextField
        label="New password"
        name="new-password"
        type="password"
        value={password}
        onChange={setPassword}
        error={form.errors.password}
        autoComplete="new-password"
        hint="At least 10 characters."
      />
      <button type="submit" disabled={form.busy}>
        Reset password
      </button>
    </form>
  );
}

/** A password reset signs the user out of the console everywhere, but leaves their API tokens working. */
function sessionsEndedSentence(ended: number): string {
  const signedOut =
    ended === 0
      ? 'They had no console session open'
      : `${ended} console ${ended === 1 ? 'session was' : 'sessions were'} signed out`;
  return `${signedOut}; their API tokens still work.`;
}
