import { useId, type ReactNode } from 'react';

interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  error?: string;
  disabled?: boolean;
  name?: string;
}

export function Checkbox({ label, checked, onChange, hint, error, disabled, name }: CheckboxProps) {
  const id = useId();
  return (
    <div className={error ? 'field field-check field-invalid' : 'field field-check'}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-message` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={`${id}-message`} role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="field-hint" id={`${id}-message`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
