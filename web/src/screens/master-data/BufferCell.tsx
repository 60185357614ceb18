import { useEffect, useState } from 'react';
import { messageOf, patch } from '../../api.ts';
import type { Listing } from '../mappings/mapping-types.ts';

/** One listing's buffer: a number and Set, the answer (or the refusal) beside it. */
export function BufferCell({
  code,
  listing,
  disabled,
  onSaved,
}: {
  code: string;
  listing: Listing;
  disabled: boolean;
  onSaved(l: Listing): void;
}) {
  const [value, setValue] = useState(String(listing.buffer));
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  // A buffer changed elsewhere (a CSV upload reloads the page of listings) shows at once.
  useEffect(() => setValue(String(listing.buffer)), [listing.buffer]);
  if (disabled) return <>{listing.buffer}</>;

  async function save() {
    setBusy(true);
    setSaid(null);
    try {
      const saved = await patch<Listing>(
        `/api/channels/${encodeURIComponent(code)}/listings/${encodeURIComponent(listing.channelSku)}`,
        { buffer: /^\d+$/.test(value.trim()) ? Number(value.trim()) : value },
      );
      onSaved(saved);
      setSaid({ ok: true, text: `Saved: ${saved.buffer} held back.` });
    } catch (error) {
      setSaid({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  const id = `buffer-${listing.channelSku}`;
  return (
    <form
      className="upload-row"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Buffer for {listing.channelSku}
      </label>
      <input
        id={id}
        className="buffer-input"
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={said && !said.ok ? true : undefined}
        aria-describedby={said ? `${id}-said` : undefined}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Setting…' : 'Set'}
        <span className="visually-hidden"> buffer for {listing.channelSku}</span>
      </button>
      {said ? (
        <p id={`${id}-said`} className={said.ok ? 'muted small' : 'field-error'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      ) : null}
    </form>
  );
}
