import { useEffect, useState } from 'react';
import { api, del, get, messageOf, post } from '../../api.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { TextField } from '../../components/Field.tsx';
import { Link } from '../../components/Link.tsx';
import { ListLoading, LoadFailed, StateRow } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { useTitle } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import { useSubmit } from '../../use-submit.ts';
import type { AlertDestination, AlertSettings as Settings, TestSend } from './alert-types.ts';
import { DestinationForm } from './DestinationForm.tsx';
import './alerts.css';

const thresholdFields: { key: keyof Settings; label: string; hint: string }[] = [
  {
    key: 'repeatMinutes',
    label: 'Repeat interval (minutes)',
    hint: 'A lasting alert is sent again at most this often.',
  },
  {
    key: 'streamStaleFactor',
    label: 'Stream factor N',
    hint: 'A stream alerts after its interval × N without success.',
  },
  {
    key: 'streamStaleMinMinutes',
    label: 'Least stream delay (minutes)',
    hint: 'A stream never alerts sooner than this.',
  },
  { key: 'outboxMaxAgeMinutes', label: 'Push waiting limit (minutes)', hint: 'A push waiting longer alerts.' },
  {
    key: 'reconciliationDriftShare',
    label: 'Reconciliation drift share',
    hint: 'From 0 to 1: 0.05 alerts when more than 5% of listings drifted.',
  },
  { key: 'deadJobWindowHours', label: 'Dead-letter window (hours)', hint: 'A dead-lettered job alerts this long.' },
  { key: 'minLiveWorkers', label: 'Least live workers', hint: 'Fewer job workers alive than this alerts.' },
];

/** The thresholds of the rules: every field has a default; the server refuses a bad value by name. */
function Thresholds() {
  const loaded = useLoad(() => get<Settings>('/api/alerts/settings'), []);
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    if (loaded.data) setValues(Object.fromEntries(Object.entries(loaded.data).map(([k, v]) => [k, String(v)])));
  }, [loaded.data]);
  const form = useSubmit(thresholdFields.map((f) => f.key));
  const submit = form.onSubmit(async () => {
    const body = Object.fromEntries(thresholdFields.map((f) => [f.key, Number(values[f.key])]));
    await api<Settings>('PUT', '/api/alerts/settings', body);
    return 'Thresholds saved: the next evaluation (within a minute) uses them.';
  });
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  return (
    <form onSubmit={submit} noValidate aria-label="Thresholds">
      {form.done ? <Notice kind="success">{form.done}</Notice> : null}
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      <div className="grid">
        {thresholdFields.map((f) => (
          <TextField
            key={f.key}
            label={f.label}
            name={f.key}
            type="number"
            value={values[f.key] ?? ''}
            onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
            error={form.errors[f.key]}
            hint={f.hint}
            disabled={loaded.loading && !loaded.data}
          />
        ))}
      </div>
      <button type="submit" className="primary" disabled={form.busy || !loaded.data}>
        {form.busy ? 'Saving…' : 'Save thresholds'}
      </button>
    </form>
  );
}

const where = (d: AlertDestination) =>
  d.webhook
    ? `${d.webhook.urlHint} (${d.webhook.format === 'slack' ? 'Slack' : 'JSON'})`
    : d.email
      ? `${d.email.to.join(', ')} via ${d.email.host}:${d.email.port}`
      : '';

/** One destination's row: Test send answers under it in plain words. */
function DestinationRow({ d, onEdit, onRemoved }: { d: AlertDestination; onEdit(): void; onRemoved(): void }) {
  const [answer, setAnswer] = useState<TestSend | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const test = async () => {
    setBusy(true);
    setAnswer(null);
    setFailure(null);
    try {
      setAnswer(await post<TestSend>(`/api/alerts/destinations/${d.id}/test`));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    try {
      await del(`/api/alerts/destinations/${d.id}`);
      onRemoved();
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  return (
    <tr data-testid={`destination-${d.name}`}>
      <th scope="row" data-label="Name">
        {d.name}
        {d.enabled ? null : <span className="muted small"> (off)</span>}
      </th>
      <td data-label="Kind">{d.kind === 'webhook' ? 'Webhook' : 'E-mail'}</td>
      <td data-label="Where" className="alert-summary">
        {where(d)}
        <div role="status" aria-live="polite" className="test-answer">
          {answer ? <Notice kind={answer.delivered ? 'success' : 'error'}>{answer.message}</Notice> : null}
          {failure ? <Notice kind="error">{failure}</Notice> : null}
        </div>
      </td>
      <td data-label="" className="right">
        <div className="destination-actions">
          <button type="button" onClick={test} disabled={busy}>
            {busy ? 'Sending…' : 'Test send'}
            <span className="visually-hidden"> to {d.name}</span>
          </button>
          <button type="button" onClick={onEdit}>
            Edit<span className="visually-hidden"> {d.name}</span>
          </button>
          <ConfirmButton
            question={`Remove ${d.name}?`}
            confirmLabel="Remove"
            onConfirm={remove}
            ariaLabel={`Remove ${d.name}`}
          >
            Remove
          </ConfirmButton>
        </div>
      </td>
    </tr>
  );
}

/** Settings → Alerts (admins): the rules' thresholds and where alerts go, each with a Test send. */
export function AlertSettings() {
  useTitle('Alert settings');
  const { data, error, loading, reload } = useLoad(
    () => get<{ items: AlertDestination[] }>('/api/alerts/destinations'),
    [],
  );
  const items = data?.items ?? [];
  const [editing, setEditing] = useState<number | null>(null);
  const edited = items.find((d) => d.id === editing);

  return (
    <>
      <div className="page-head">
        <h1>Alert settings</h1>
        <div className="actions">
          <Link to="/alerts">Alert history</Link>
        </div>
      </div>
      <Section
        title="Destinations"
        description="Every alert goes to each enabled destination: when it fires, again at the repeat interval while it lasts, and when it resolves. A failed delivery is retried until it goes through."
      >
        {error ? <LoadFailed error={error} onRetry={reload} /> : null}
        <div className="table-wrap" aria-busy={loading}>
          <table className="table destinations">
            <caption className="visually-hidden">Alert destinations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Where</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <DestinationRow key={d.id} d={d} onEdit={() => setEditing(d.id)} onRemoved={reload} />
              ))}
              <StateRow
                loading={loading}
                error={error}
                count={items.length}
                colSpan={4}
                empty="No destination yet: alerts are kept in the history but reach nobody."
              />
            </tbody>
          </table>
          <ListLoading loading={loading} error={error} count={items.length} />
        </div>
      </Section>
      {edited ? (
        <Section title={`Edit ${edited.name}`}>
          <DestinationForm
            key={edited.id}
            editing={edited}
            onSaved={() => {
              setEditing(null);
              reload();
            }}
            onCancel={() => setEditing(null)}
          />
        </Section>
      ) : null}
      <Section
        title="Add a destination"
        description="A webhook (JSON or Slack-compatible) or an e-mail address over SMTP."
      >
        <DestinationForm onSaved={reload} />
      </Section>
      <Section title="Thresholds" description="When the rules alert. Each has a default.">
        <Thresholds />
      </Section>
    </>
  );
}
