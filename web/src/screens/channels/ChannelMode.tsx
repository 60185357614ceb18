import { useEffect, useState } from 'react';
import { ApiError, get, messageOf, put } from '../../api.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { Select } from '../../components/Select.tsx';
import { formatDateTime } from '../../format.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import type { ChannelMode, ChannelView, WouldSendList } from './channel-types.ts';

/** What each mode means, in the words a seller going live reads. */
export const modeMeaning: Record<ChannelMode, string> = {
  shadow:
    'Shadow: every pull runs and figures are computed, but nothing is sent to AJIO; what would have been sent is listed below. Orders cannot be picked or packed here.',
  canary: 'Canary: live only for the SKUs and POs allowlisted below; everything else is recorded, not sent.',
  live: 'Live: every write goes to AJIO.',
};

const modeBadge: Record<ChannelMode, string> = { shadow: 'badge-busy', canary: 'badge-order-packed', live: 'badge-ok' };

export function ModeBadge({ mode, testId }: { mode: ChannelMode; testId?: string }) {
  return (
    <span className={`badge ${modeBadge[mode]}`} data-testid={testId} title={modeMeaning[mode]}>
      {mode}
    </span>
  );
}

/** "A1, B2\nC3" → ["A1", "B2", "C3"]: commas, spaces or new lines separate codes. */
const listOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The channel's mode, and for admins the control that changes it (confirmed first): shadow → canary
 * (with its allowlists) → live. Under it, the last writes the channel kept back.
 */
export function ChannelModePanel({ channel, onChanged }: { channel: ChannelView; onChanged(): void }) {
  const canChange = useCan('admin');
  const [mode, setMode] = useState<ChannelMode>(channel.mode);
  const [skus, setSkus] = useState(channel.canarySkus.join(', '));
  const [pos, setPos] = useState(channel.canaryPos.join(', '));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setMode(channel.mode);
    setSkus(channel.canarySkus.join(', '));
    setPos(channel.canaryPos.join(', '));
  }, [channel.mode, channel.canarySkus, channel.canaryPos]);

  async function change() {
    setBusy(true);
    setNews(null);
    setErrors({});
    try {
      await put(`/api/channels/${channel.code}/mode`, { mode, canarySkus: listOf(skus), canaryPos: listOf(pos) });
      setNews({ kind: 'success', text: `Channel ${channel.code} is now in ${mode} mode.` });
      onChanged();
    } catch (error) {
      setErrors(error instanceof ApiError ? error.byField() : {});
      setNews({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Mode" description={modeMeaning[channel.mode]} actions={<ModeBadge mode={channel.mode} />}>
      {news ? <Notice kind={news.kind}>{news.text}</Notice> : null}
      {canChange ? (
        <>
          <div className="grid">
            <Select
              label="Channel mode"
              name="mode"
              value={mode}
              disabled={busy}
              options={[
                { value: 'shadow', label: 'Shadow (send nothing)' },
                { value: 'canary', label: 'Canary (allowlisted SKUs and POs only)' },
                { value: 'live', label: 'Live (send everything)' },
              ]}
              onChange={(v) => setMode(v as ChannelMode)}
              error={errors.mode}
            />
            <TextField
              label="Canary SKUs"
              name="canarySkus"
              value={skus}
              disabled={busy}
              onChange={setSkus}
              error={errors.canarySkus}
              hint="AJIO SKU codes of this channel's listings, separated by commas."
            />
            <TextField
              label="Canary POs"
              name="canaryPos"
              value={pos}
              disabled={busy}
              onChange={setPos}
              error={errors.canaryPos}
              hint="PO numbers of this channel's orders, separated by commas."
            />
          </div>
          <div className="form-actions">
            <ConfirmButton
              className="primary"
              disabled={busy}
              busy={busy}
              question={`Switch channel ${channel.code} to ${mode} mode? ${modeMeaning[mode]}`}
              confirmLabel={`Switch to ${mode}`}
              onConfirm={change}
            >
              Change mode
            </ConfirmButton>
          </div>
        </>
      ) : null}
      <WouldSend code={channel.code} mode={channel.mode} />
    </Section>
  );
}

/** "SKU A, B, C +47 more": a long inventory call names its first few SKUs. */
function subjectOf(e: WouldSendList['items'][number]): string {
  if (!e.subject) return '';
  const values = e.subject.split(', ');
  const shown = values.slice(0, 3).join(', ');
  return `${e.subjectKind?.toUpperCase() ?? ''} ${shown}${values.length > 3 ? ` +${values.length - 3} more` : ''}`;
}

/** The last writes the channel kept back (24 hours), newest first: what AJIO would have received. */
function WouldSend({ code, mode }: { code: string; mode: ChannelMode }) {
  const list = useLoad(() => get<WouldSendList>(`/api/channels/${code}/would-send`, { hours: 24 }), [code, mode]);
  const items = list.data?.items.slice(0, 10) ?? [];
  return (
    <div data-testid="would-send">
      <h3>
        Would have sent (last 24 hours){' '}
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
      </h3>
      {list.error ? <Notice kind="error">{list.error}</Notice> : null}
      {list.data && items.length === 0 ? <p className="muted">Nothing was kept back.</p> : null}
      {items.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Call</th>
              <th scope="col">Request</th>
              <th scope="col">For</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.call}</td>
                <td>
                  <code title={JSON.stringify(e.body)}>
                    {e.method} {e.path}
                  </code>
                </td>
                <td title={e.subject ?? undefined}>{subjectOf(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.data && list.data.items.length > items.length ? (
        <p className="muted">
          {list.data.items.length - items.length} more; GET /api/channels/{code}/would-send lists them all.
        </p>
      ) : null}
    </div>
  );
}
