import { useState } from 'react';
import { ApiError, failureKindOf, messageOf, type FailureKind } from './api.ts';

/**
 * A small form's state of failure: messages by field (shown next to the field) and one message for
 * the whole form (shown in a Notice) when the API names no field the form has. `failureKind` tells a
 * refusal (fix the input) from no connection (send it again) and a server fault.
 */
export function useFormErrors(fields: readonly string[]) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [failureKind, setFailureKind] = useState<FailureKind | null>(null);
  const clear = () => {
    setErrors({});
    setFailure(null);
    setFailureKind(null);
  };
  const fail = (error: unknown) => {
    const byField = error instanceof ApiError ? error.byField() : {};
    const ours = Object.fromEntries(Object.entries(byField).filter(([f]) => fields.includes(f)));
    setErrors(ours);
    setFailure(Object.keys(ours).length ? null : messageOf(error));
    setFailureKind(failureKindOf(error));
  };
  return { errors, failure, failureKind, clear, fail };
}
