import { useEffect, useState, type FormEvent } from 'react';
import { messageOf, get, put } from '../../api.ts';
import { Checkbox } from '../../components/Checkbox.tsx';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../use-load.ts';

interface WireJournalStatus {
  enabled: boolean;
  days: number;
  entries: number;
  oldestAt: string | null;
  newestAt: string | null;
}

/**
 * The channel's wire journal (admins only): every request and answer exchanged with the marketplace,
 * passwords and tokens redacted, kept for a number of days and downloadable as NDJSON for
 * `weft replay`. Off until switched on.
 */
export function WireJournal({ code }: { code: string }) {
  const status = useLoad(() => get<WireJournalStatus>(`/api/channels/${code}/wire-journal`), [code]);
  const [enabled, setEnabled] = useState(false);
  const [days, setDays] = useState('7');
  const [error, setError] = useState<string | undefined>();
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!status.data) return;
    setEnabled(status.data.enabled);
    setDays(String(status.data.days));
  }, [status.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNews(null);
    setError(undefined);
    try {
      const saved = await put<WireJournalStatus>(`/api/channels/${code}/wire-journal`, {
        enabled,
        days: Number(days),
      });
      setNews({
        kind: 'success',
        text: saved.enabled
          ? `The wire journal is on: exchanges with the marketplace are kept for ${saved.days} day(s).`
          : 'The wire journal is off: nothing more is captured.',
      });
      status.reload();
    } catch (failure) {
      const text = messageOf(failure);
      if (/days/.test(text)) setError(text);
      else setNews({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  const s = status.data;
  return (
    <Section
      title="Wire journal"
      description="Keeps every request and answer exchanged with AJIO (passwords and tokens redacted) so they can be checked with weft replay."
    >
      {news ? <Notice kind={news.kind}>{news.text}</Notice> : null}
      {status.error ? <Notice kind="error">{status.error}</Notice> : null}
      {s ? (
        <p data-testid="wire-journal-status">
          {s.enabled ? 'On' : 'Off'} · {s.entries} exchange(s) kept
          {s.oldestAt && s.newestAt ? ` from ${formatDateTime(s.oldestAt)} to ${formatDateTime(s.newestAt)}` : ''}
        </p>
      ) : null}
      <form onSubmit={save} noValidate>
        <div className="grid">
          <Checkbox label="Capture exchanges with the marketplace" checked={enabled} onChange={setEnabled} />
          <TextField
            label="Keep for (days)"
            type="number"
            value={days}
            onChange={setDays}
            error={error}
            hint="From 1 to 90; older exchanges are deleted every hour."
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save wire journal'}
          </button>
          {s && s.entries > 0 ? (
            <a className="button" href={`/api/channels/${code}/wire-journal.ndjson`} download>
              Download journal (NDJSON)
            </a>
          ) : null}
        </div>
      </form>
    </Section>
  );
}
