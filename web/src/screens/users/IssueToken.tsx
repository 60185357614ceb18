import { useState } from 'react';
import { post } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Select } from '../../components/Select.tsx';
import { formatDateTime } from '../../format.ts';
import type { IssuedToken } from './user-types.ts';
import { useSubmit } from '../../use-submit.ts';

const day = 86400;
const lifetimes = [
  { value: String(30 * day), label: '30 days' },
  { value: String(90 * day), label: '90 days' },
  { value: String(365 * day), label: '1 year' },
  { value: 'never', label: 'Never expires' },
];

/**
 * An API token for a user, for an integration (an ERP, a script). Weft keeps only its hash, so it is
 * shown once, here, with a copy button and when it expires; the list of tokens below then shows it.
 */
export function IssueToken({ username, onIssued }: { username: string; onIssued(): void }) {
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState(lifetimes[1].value);
  const [copied, setCopied] = useState(false);
  const form = useSubmit<IssuedToken>(['name', 'ttlSeconds']);
  const issued = form.done;

  const submit = form.onSubmit(async () => {
    setCopied(false);
    const token = await post<IssuedToken>(`/api/users/${encodeURIComponent(username)}/tokens`, {
      name: name.trim(),
      ttlSeconds: lifetime === 'never' ? undefined : Number(lifetime),
    });
    setName('');
    onIssued();
    return token;
  });

  async function copy(token: string) {
    await navigator.clipboard.writeText(token);
    setCopied(true);
  }

  return (
    <form onSubmit={submit} noValidate>
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      {issued ? (
        <div className="notice notice-success token-shown" role="status">
          <p>
            <strong>Copy this token now: Weft shows it only once.</strong> It signs in as {issued.username} (
            {issued.name}).
          </p>
          <div className="token-row">
            <code data-testid="issued-token">{issued.token}</code>
            <button type="button" onClick={() => void copy(issued.token)}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <p className="small" data-testid="token-expiry">
            {issued.expiresAt
              ? `Expires ${formatDateTime(issued.expiresAt)} (IST).`
              : 'It never expires: revoke it under Tokens and sessions if it leaks.'}
          </p>
        </div>
      ) : null}
      <div className="grid">
        <TextField
          label="Token name"
          name="token-name"
          value={name}
          onChange={setName}
          error={form.errors.name}
          placeholder="Such as: ERP sync"
        />
        <Select
          label="Expires after"
          name="ttl"
          value={lifetime}
          onChange={setLifetime}
          options={lifetimes}
          error={form.errors.ttlSeconds}
        />
      </div>
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Issuing…' : 'Issue token'}
      </button>
    </form>
  );
}
