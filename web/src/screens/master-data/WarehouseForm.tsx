import { useState } from 'react';
import { patch, post } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Select } from '../../components/Select.tsx';
import { useSubmit } from '../../use-submit.ts';
import { gstStates, type Warehouse } from './master-data-types.ts';

const fields = ['code', 'name', 'gstin', 'address', 'city', 'stateCode', 'pincode'] as const;
type Form = Record<(typeof fields)[number], string>;

const formOf = (w?: Warehouse): Form => ({
  code: w?.code ?? '',
  name: w?.name ?? '',
  gstin: w?.gstin ?? '',
  address: w?.address ?? '',
  city: w?.city ?? '',
  stateCode: w?.stateCode ?? '',
  pincode: w?.pincode ?? '',
});

/**
 * Adds a warehouse, or changes one (`editing`). The server checks the GSTIN's layout, its check
 * character and that it belongs to the chosen state; its message lands under the field it is about.
 */
export function WarehouseForm({ editing, onSaved }: { editing?: Warehouse; onSaved(w: Warehouse): void }) {
  const [form, setForm] = useState<Form>(() => formOf(editing));
  const submit = useSubmit(fields);
  const set = (change: Partial<Form>) => setForm((f) => ({ ...f, ...change }));
  const label = editing ? editing.code : 'new';

  const onSubmit = submit.onSubmit(async () => {
    const body = {
      name: form.name.trim(),
      gstin: form.gstin.trim() ? form.gstin.trim().toUpperCase() : null,
      address: form.address.trim(),
      city: form.city.trim(),
      stateCode: form.stateCode,
      pincode: form.pincode.trim(),
    };
    const saved = editing
      ? await patch<Warehouse>(`/api/warehouses/${encodeURIComponent(editing.code)}`, body)
      : await post<Warehouse>('/api/warehouses', { code: form.code.trim().toUpperCase(), ...body });
    if (!editing) setForm(formOf());
    onSaved(saved);
    return editing ? `Warehouse ${saved.code} is saved.` : `Warehouse ${saved.code} is added.`;
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={editing ? `Edit warehouse ${editing.code}` : 'Add a warehouse'}>
      {submit.done ? <Notice kind="success">{submit.done}</Notice> : null}
      {submit.failure ? <Notice kind="error">{submit.failure}</Notice> : null}
      <div className="grid">
        {editing ? null : (
          <TextField
            label="Warehouse code"
            name={`code-${label}`}
            value={form.code}
            onChange={(code) => set({ code })}
            error={submit.errors.code}
            hint="2 to 32 letters or digits, such as MUM1; it cannot be changed later."
            autoComplete="off"
          />
        )}
        <TextField
          label="Warehouse name"
          name={`name-${label}`}
          value={form.name}
          onChange={(name) => set({ name })}
          error={submit.errors.name}
        />
        <Select
          label="State"
          name={`state-${label}`}
          value={form.stateCode}
          empty="Choose the state"
          options={gstStates.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
          onChange={(stateCode) => set({ stateCode })}
          error={submit.errors.stateCode}
        />
        <TextField
          label="GSTIN"
          name={`gstin-${label}`}
          value={form.gstin}
          onChange={(gstin) => set({ gstin })}
          error={submit.errors.gstin}
          hint="The GSTIN registered in the warehouse's state; invoices and e-invoices carry it."
          autoComplete="off"
        />
        <TextField
          label="Address"
          name={`address-${label}`}
          value={form.address}
          onChange={(address) => set({ address })}
          error={submit.errors.address}
        />
        <TextField
          label="City"
          name={`city-${label}`}
          value={form.city}
          onChange={(city) => set({ city })}
          error={submit.errors.city}
        />
        <TextField
          label="PIN code"
          name={`pincode-${label}`}
          value={form.pincode}
          onChange={(pincode) => set({ pincode })}
          error={submit.errors.pincode}
          autoComplete="off"
        />
      </div>
      <button type="submit" className="primary" disabled={submit.busy}>
        {submit.busy ? 'Saving…' : editing ? 'Save warehouse' : 'Add warehouse'}
      </button>
    </form>
  );
}
