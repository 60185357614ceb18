import { Field } from '../../components/Field.tsx';

/** A CSV file picker, its hint the columns expected; `error` when none was chosen. */
export function CsvFile({
  label,
  hint,
  error,
  onFile,
}: {
  label: string;
  hint: string;
  error?: string;
  onFile(file: File | null): void;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      <input type="file" accept=".csv,text/csv" onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
    </Field>
  );
}
