import { useState } from 'react';
import { messageOf, post } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';

/**
 * "Test e-invoicing": signs in to the IRP with the stored e-invoicing settings and answers in plain
 * words — signed in as which GSTIN, or what the IRP refused and what to check.
 */
export function EinvoicingTest({ code, unsaved }: { code: string; unsaved: boolean }) {
  const [result, setResult] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function test() {
    setBusy(true);
    setResult(null);
    try {
      const answer = await post<{ message: string }>(`/api/channels/${encodeURIComponent(code)}/test-einvoicing`);
      setResult({ kind: 'success', text: answer.message });
    } catch (error) {
      setResult({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="connection-test" data-testid="einvoicing-test">
      <button type="button" onClick={() => void test()} disabled={busy}>
        {busy ? 'Testing…' : 'Test e-invoicing'}
      </button>
      {unsaved ? <p className="muted small">The test uses the saved settings: save your changes first.</p> : null}
      {result ? <Notice kind={result.kind}>{result.text}</Notice> : null}
    </div>
  );
}
