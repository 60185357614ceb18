import { useState } from 'react';
import { patch } from '../../api.ts';
import { Checkbox } from '../../components/Checkbox.tsx';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useSubmit } from '../../use-submit.ts';
import type { Sku } from './master-data-types.ts';

const fields = ['name', 'brand', 'style', 'size', 'colour', 'hsn', 'mrpPaise', 'ean', 'active'] as const;

/** "1299" or "1,299.50" in rupees to paise; NaN when it is not an amount (the server then names the field). */
function paiseOf(rupees: string): number {
  const clean = rupees.replace(/[₹,\s]/g, '');
  return /^\d+(\.\d{1,2})?$/.test(clean) ? Math.round(Number(clean) * 100) : Number.NaN;
}

/** Changes one SKU of the master; HSN and EAN are checked by the server, its messages shown by field. */
export function SkuForm({ sku, onSaved }: { sku: Sku; onSaved(s: Sku): void }) {
  const [form, setForm] = useState({
    name: sku.name,
    brand: sku.brand,
    style: sku.style,
    size: sku.size,
    colour: sku.colour,
    hsn: sku.hsn,
    mrp: (sku.mrpPaise / 100).toFixed(2),
    ean: sku.ean ?? '',
    active: sku.active,
  });
  const submit = useSubmit(fields);
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));

  const onSubmit = submit.onSubmit(async () => {
    const mrpPaise = paiseOf(form.mrp);
    const saved = await patch<Sku>(`/api/skus/${encodeURIComponent(sku.code)}`, {
      name: form.name,
      brand: form.brand,
      style: form.style,
      size: form.size,
      colour: form.colour,
      hsn: form.hsn.trim(),
      // Not an amount: sent as text, so the server's refusal names the MRP field.
      mrpPaise: Number.isNaN(mrpPaise) ? form.mrp : mrpPaise,
      ean: form.ean.trim() || null,
      active: form.active,
    });
    onSaved(saved);
    return `SKU ${saved.code} is saved.`;
  });

  const text = (label: string, key: 'name' | 'brand' | 'style' | 'size' | 'colour' | 'hsn' | 'ean', hint?: string) => (
    <TextField
      label={label}
      name={key}
      value={form[key]}
      onChange={(value) => set({ [key]: value })}
      error={submit.errors[key]}
      hint={hint}
      autoComplete="off"
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Edit SKU ${sku.code}`}>
      {submit.done ? <Notice kind="success">{submit.done}</Notice> : null}
      {submit.failure ? <Notice kind="error">{submit.failure}</Notice> : null}
      <div className="grid">
        {text('Name', 'name')}
        {text('Brand', 'brand')}
        {text('Style', 'style')}
        {text('Size', 'size')}
        {text('Colour', 'colour')}
        {text('HSN', 'hsn', '4, 6 or 8 digits; invoices print it.')}
        <TextField
          label="MRP (₹)"
          name="mrp"
          value={form.mrp}
          onChange={(mrp) => set({ mrp })}
          error={submit.errors.mrpPaise}
        />
        {text('EAN', 'ean', '8 to 14 digits; the pack station accepts it as a scan.')}
        <Checkbox
          label="Active"
          name="active"
          checked={form.active}
          onChange={(active) => set({ active })}
          error={submit.errors.active}
          hint="Inactive SKUs cannot be linked to new listings."
        />
      </div>
      <button type="submit" className="primary" disabled={submit.busy}>
        {submit.busy ? 'Saving…' : 'Save SKU'}
      </button>
    </form>
  );
}
