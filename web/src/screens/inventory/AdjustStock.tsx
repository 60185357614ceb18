import { useState, type FormEvent } from 'react';
import { ApiError, messageOf, post } from '../../api.ts';
import { Field, TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Select } from '../../components/Select.tsx';
import type { LevelRow } from './inventory-types.ts';

const kinds = [
  { value: 'adjust', label: 'Adjust (+ adds, − takes out)' },
  { value: 'inbound', label: 'Inbound (received)' },
  { value: 'damage', label: 'Damage (on hand to damaged)' },
] as const;

const emptyForm = { kind: 'adjust', quantity: '', reason: '', reference: '' };

/**
 * A quantity typed as a number goes to the API as a number; anything else goes as typed, so the
 * API's own rule refuses it in its own words and the console keeps no second copy of the rules.
 */
const quantityOf = (text: string): number | string =>
  /^[+-]?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text.trim();

/** Records a movement with a reason; the ledger keeps who did it. Refusals show next to their field. */
export function AdjustStock({ level, onDone }: { level: Pick<LevelRow, 'warehouse' | 'sku'>; onDone(): void }) {
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<typeof emptyForm>) => setForm((f) => ({ ...f, ...change }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNews(null);
    try {
      const saved = await post<LevelRow>('/api/inventory/movements', {
        warehouse: level.warehouse,
        sku: level.sku,
        kind: form.kind,
        quantity: quantityOf(form.quantity),
        reason: form.reason,
        ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
      });
      setErrors({});
      setForm(emptyForm);
      setNews({
        kind: 'success',
        text: `Recorded. ${saved.sku} at ${saved.warehouse} now has ${saved.onHand} on hand and ${saved.damaged} damaged.`,
      });
      onDone();
    } catch (error) {
      const byField = error instanceof ApiError ? error.byField() : {};
      const known = Object.fromEntries(Object.entries(byField).filter(([field]) => field in emptyForm));
      setErrors(known);
      if (Object.keys(known).length === 0) setNews({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="adjust-stock">
      {news ? <Notice kind={news.kind}>{news.text}</Notice> : null}
      <div className="grid">
        <Select
          label="Movement"
          name="kind"
          value={form.kind}
          options={kinds}
          onChange={(kind) => set({ kind })}
          error={errors.kind}
        />
        <Field label="Quantity change" error={errors.quantity} hint="Whole units: 5 adds five, -2 takes two out.">
          <input
            name="quantity"
            inputMode="numeric"
            autoComplete="off"
            value={form.quantity}
            onChange={(e) => set({ quantity: e.target.value })}
          />
        </Field>
        <TextField
          label="Reason"
          name="reason"
          value={form.reason}
          onChange={(reason) => set({ reason })}
          error={errors.reason}
          placeholder="Such as: cycle count found two short"
        />
        <TextField
          label="Reference"
          name="reference"
          value={form.reference}
          onChange={(reference) => set({ reference })}
          error={errors.reference}
          hint="Optional: GRN, count sheet or ticket number."
        />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Recording…' : 'Record movement'}
      </button>
    </form>
  );
}
