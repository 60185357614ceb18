import { useState } from 'react';
import { ApiError, messageOf, post } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { formatDateTime } from '../../format.ts';

/** Logs in to AJIO with the stored credentials; says until when the token is valid, or why it failed. */
export function ConnectionTest({ code }: { code: string }) {
  const [result, setResult] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function test() {
    setBusy(true);
    setResult(null);
    try {
      const answer = await post<{ ok: true; tokenValidUntil: string }>(`/api/channels/${code}/test-connection`);
      setResult({
        kind: 'success',
        text: `Connected to AJIO: the token is valid until ${formatDateTime(answer.tokenValidUntil)}.`,
      });
    } catch (error) {
      // A refused login is the credentials, not the connection: said as such.
      const refused = error instanceof ApiError && error.status === 422;
      setResult({ kind: 'error', text: `${refused ? 'Login refused' : 'Could not connect'}: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="connection-test">
      <button type="button" onClick={() => void test()} disabled={busy}>
        {busy ? 'Testing…' : 'Test connection'}
      </button>
      {result ? <Notice kind={result.kind}>{result.text}</Notice> : null}
    </div>
  );
}
