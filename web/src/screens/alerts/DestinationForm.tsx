import { useState } from 'react';
import { api, post } from '../../api.ts';
import { Checkbox } from '../../components/Checkbox.tsx';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Select } from '../../components/Select.tsx';
import { useSubmit } from '../../use-submit.ts';
import type { AlertDestination } from './alert-types.ts';

const kinds = [
  { value: 'webhook', label: 'Webhook (JSON, or Slack)' },
  { value: 'email', label: 'E-mail (SMTP)' },
];
const formats = [
  { value: 'json', label: "Weft's JSON (every field)" },
  { value: 'slack', label: 'Slack-compatible {text}' },
];
const fields = ['name', 'kind', 'url', 'format', 'host', 'port', 'secure', 'user', 'password', 'from', 'to'];

/**
 * Adds a destination, or edits one (`editing`). The webhook URL and the SMTP password are never
 * shown again once saved: left empty on an edit, the stored ones stay.
 */
export function DestinationForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing?: AlertDestination;
  onSaved(destination: AlertDestination): void;
  onCancel?(): void;
}) {
  const [name, setName] = useState(editing?.name ?? '');
  const [kind, setKind] = useState<string>(editing?.kind ?? 'webhook');
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<string>(editing?.webhook?.format ?? 'json');
  const [host, setHost] = useState(editing?.email?.host ?? '');
  const [port, setPort] = useState(String(editing?.email?.port ?? 587));
  const [secure, setSecure] = useState(editing?.email?.secure ?? false);
  const [user, setUser] = useState(editing?.email?.user ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(editing?.email?.from ?? '');
  const [to, setTo] = useState(editing?.email?.to.join(', ') ?? '');
  const form = useSubmit(fields);

  const submit = form.onSubmit(async () => {
    const body =
      kind === 'webhook'
        ? { kind, name: name.trim(), enabled, format, ...(url.trim() ? { url: url.trim() } : {}) }
        : {
            kind,
            name: name.trim(),
            enabled,
            host: host.trim(),
            port: Number(port),
            secure,
            ...(user.trim() ? { user: user.trim() } : {}),
            ...(password ? { password } : {}),
            from: from.trim(),
            to: to
              .split(/[,;\s]+/)
              .map((a) => a.trim())
              .filter(Boolean),
          };
    const saved = editing
      ? await api<AlertDestination>('PUT', `/api/alerts/destinations/${editing.id}`, body)
      : await post<AlertDestination>('/api/alerts/destinations', body);
    if (!editing) {
      setName('');
      setUrl('');
      setPassword('');
    }
    onSaved(saved);
    return editing ? `${saved.name} is saved.` : `${saved.name} is added: use Test send to check it.`;
  });

  return (
    <form onSubmit={submit} noValidate aria-label={editing ? `Edit ${editing.name}` : 'Add a destination'}>
      {form.done ? <Notice kind="success">{form.done}</Notice> : null}
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      <div className="grid">
        <TextField label="Name" name="name" value={name} onChange={setName} error={form.errors.name} />
        {editing ? null : (
          <Select label="Kind" name="kind" value={kind} onChange={setKind} options={kinds} error={form.errors.kind} />
        )}
        {kind === 'webhook' ? (
          <>
            <TextField
              label="Webhook URL"
              name="url"
              value={url}
              onChange={setUrl}
              error={form.errors.url}
              autoComplete="off"
              placeholder={editing ? editing.webhook?.urlHint : 'https://hooks.slack.com/services/…'}
              hint={editing ? 'Leave empty to keep the stored URL.' : 'Stored encrypted; only its host is shown again.'}
            />
            <Select
              label="Format"
              name="format"
              value={format}
              onChange={setFormat}
              options={formats}
              error={form.errors.format}
            />
          </>
        ) : (
          <>
            <TextField label="SMTP host" name="host" value={host} onChange={setHost} error={form.errors.host} />
            <TextField
              label="Port"
              name="port"
              type="number"
              value={port}
              onChange={setPort}
              error={form.errors.port}
              hint="587 (STARTTLS) or 465 (TLS)."
            />
            <TextField
              label="User"
              name="user"
              value={user}
              onChange={setUser}
              error={form.errors.user}
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
              hint={
                editing?.email?.passwordSet
                  ? 'A password is stored; leave empty to keep it.'
                  : 'Stored encrypted, never shown again.'
              }
            />
            <TextField label="From" name="from" value={from} onChange={setFrom} error={form.errors.from} />
            <TextField
              label="To"
              name="to"
              value={to}
              onChange={setTo}
              error={form.errors.to}
              hint="One or more addresses, separated by commas."
            />
            <Checkbox
              label="Secure connection (TLS, usually port 465)"
              checked={secure}
              onChange={setSecure}
              error={form.errors.secure}
            />
          </>
        )}
        <Checkbox label="Enabled" checked={enabled} onChange={setEnabled} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : editing ? 'Save destination' : 'Add destination'}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
