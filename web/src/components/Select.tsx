import type { ReactNode } from 'react';
import { Field } from './Field.tsx';

export interface Option {
  value: string;
  label: string;
}

interface SelectProps {
  label: string;
  value: string;
  options: readonly Option[];
  onChange(value: string): void;
  error?: string;
  hint?: ReactNode;
  name?: string;
  disabled?: boolean;
  /** A first, empty choice such as "Choose a warehouse" or "All statuses". */
  empty?: string;
}

export function Select({ label, value, options, onChange, error, hint, name, disabled, empty }: SelectProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      <select name={name} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Yes/No as the seed document writes its switches. */
export const yesNo: readonly Option[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** Channels and warehouses as choices: the code, which the API takes, then the name, which people know. */
export const codeOptions = (items: readonly { code: string; name: string }[] = []): Option[] =>
  items.map((i) => ({ value: i.code, label: `${i.code} · ${i.name}` }));
