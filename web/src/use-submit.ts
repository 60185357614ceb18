import { useState, type FormEvent } from 'react';
import { useFormErrors } from './use-form-errors.ts';

/**
 * Sending a small form to the API: busy while it is on its way (so it is not sent twice), what the
 * API refuses shown by field or for the whole form (see useFormErrors), and what it answered.
 * `send` makes the call and returns what to show when it is done, or nothing when it shows nothing.
 */
export function useSubmit<Done = string>(fields: readonly string[]) {
  const form = useFormErrors(fields);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);

  async function run(send: () => Promise<Done | undefined>) {
    form.clear();
    setDone(null);
    setBusy(true);
    try {
      const answer = await send();
      if (answer !== undefined) setDone(answer);
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  }

  /** For a form's onSubmit: the browser's own submit (a page load) is never wanted. */
  const onSubmit = (send: () => Promise<Done | undefined>) => (e: FormEvent) => {
    e.preventDefault();
    void run(send);
  };

  return { errors: form.errors, failure: form.failure, failureKind: form.failureKind, busy, done, run, onSubmit };
}
