import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { get, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { ScanQueue } from '../../components/scan-queue.ts';
import { navigate, useTitle } from '../../router.ts';
import { BoxView } from './BoxView.tsx';
import {
  isOffline,
  lineOf,
  messageOf,
  offlineTitle,
  plainReason,
  refusalTitle,
  scanned,
  wanted,
} from './pack-answers.ts';
import { modeOf, prompts, type FinishResult, type PackState } from './pack-types.ts';
import { PackDone } from './PackDone.tsx';
import { PlanView } from './PlanView.tsx';
import { ScanInput } from './ScanInput.tsx';
import { AnswerLog, LastAnswer, type Answer, type AnswerKind, RetryWaitingScans } from './StationAnswer.tsx';
import { useWaitingShelf, WaitingShelf } from './WaitingShelf.tsx';
import './pack.css';

/** What the station is asked to do, in the order it was asked: scans, and the keys and buttons between them. */
type Item =
  | { kind: 'scan'; code: string }
  | { kind: 'close' }
  | { kind: 'finish' }
  | { kind: 'load'; orderId: number }
  | { kind: 'reset' };

/** Refusals are answered by the handler itself; only a lost connection leaves the queue's item in place. */
class Answered extends Error {}

/**
 * The pack station, scanner first. One input keeps the focus; a scanner types and presses Enter, and
 * every scan is queued and answered in order (scan-queue.ts), so a burst is never thinned. What a
 * scan means follows the state as the scans before it left it: a PO number, then a box id, then units,
 * then (Alt+C, or by itself once everything is in) the weight; after Finish, the next PO number. Alt+F
 * finishes. A finish whose invoice or labels could not be made says so in amber and keeps the order
 * on the waiting shelf until they arrive.
 */
export function PackStation({ orderId }: { orderId?: number }) {
  useTitle('Pack station');
  const [state, setState] = useState<PackState | null>(null);
  const [finished, setFinished] = useState<FinishResult | null>(null);
  const [weighing, setWeighing] = useState(false);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [queued, setQueued] = useState({ pending: 0, offline: false });
  const stateRef = useRef<PackState | null>(null);
  const weighingRef = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const shelf = useWaitingShelf((kind, title, message) => answer(kind, title, message));
  const mode = modeOf(state, weighing);

  const answer = useCallback((kind: AnswerKind, title: string, message?: string) => {
    const next = { kind, title, message, seq: ++seq.current };
    setAnswers((all) => [next, ...all].slice(0, 100));
  }, []);
  const focus = () => requestAnimationFrame(() => input.current?.focus());

  /** The state every later scan is read against, kept in refs as well so queued scans see it at once. */
  function apply(next: PackState | null, options: { weighing?: boolean } = {}) {
    const weigh = options.weighing ?? !!(next?.openBox && next.unitsRemaining === 0);
    stateRef.current = next;
    weighingRef.current = weigh;
    setState(next);
    setWeighing(weigh);
  }

  /** Runs one call of a scan; a refusal is answered here with what was scanned, a lost connection goes to the queue. */
  async function attempt<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isOffline(error)) throw error;
      answer('refused', refusalTitle(what, error), messageOf(error));
      throw new Answered();
    }
  }

  const describe = (item: Item) =>
    item.kind === 'scan'
      ? scanned(item.code, lineOf(stateRef.current, item.code))
      : item.kind === 'finish'
        ? 'Finish'
        : item.kind === 'close'
          ? 'Close box'
          : 'The PO';

  async function handle(item: Item) {
    const current = stateRef.current;
    if (item.kind === 'reset') {
      apply(null);
      setFinished(null);
      return;
    }
    if (item.kind === 'load') {
      apply(await attempt('The PO', () => get<PackState>(`/api/orders/${item.orderId}/pack`)));
      setFinished(null);
      return;
    }
    if (item.kind === 'finish') return finish();
    if (item.kind === 'close') {
      if (!current?.openBox) return answer('refused', 'Close box — no box is open', 'Scan a box id to open a box.');
      apply(current, { weighing: true });
      return answer(
        'accepted',
        `Box ${current.openBox} — type its weight`,
        'Type the weight in grams and press Enter.',
      );
    }
    const code = item.code;
    const now = modeOf(current, weighingRef.current);
    if (now === 'po' || now === 'done') return openPo(code);
    if (!current) return;
    const url = `/api/orders/${current.orderId}/pack`;
    if (now === 'box') {
      apply(await attempt(`Box ${code}`, () => post<PackState>(`${url}/box`, { box: code })));
      return answer('accepted', `Box ${code.toUpperCase()} — opened`, 'Scan the units into it.');
    }
    if (now === 'unit') {
      const what = scanned(code, lineOf(current, code));
      const next = await attempt(what, () => post<PackState>(`${url}/scan`, { code }));
      apply(next);
      const line = lineOf(next, code);
      return answer(
        'accepted',
        line ? `${scanned(code, line)} — ${line.packed} of ${wanted(line)} packed` : `${what} — packed`,
        next.unitsRemaining === 0
          ? 'Every unit is in: type the box weight.'
          : `${next.unitsRemaining} unit${next.unitsRemaining === 1 ? '' : 's'} left on PO ${next.poNumber}.`,
      );
    }
    // Weighing: a unit scanned now is one more than the PO wants (an EAN is digits too); a number closes the box.
    const line = lineOf(current, code);
    if (line && line.remaining === 0)
      return answer(
        'refused',
        `${scanned(code, line)} — one too many`,
        `All ${wanted(line)} of ${line.sku} are packed: put this one back. Then type the box weight.`,
      );
    if (line)
      return answer(
        'refused',
        `${scanned(code, line)} — the box is being closed`,
        'Type the box weight first, or press Esc to go on scanning units.',
      );
    if (!/^\d+$/.test(code) || Number(code) < 1)
      return answer(
        'refused',
        `${code} — not a weight`,
        'Type the box weight in whole grams, such as 850, and press Enter.',
      );
    const grams = Number(code);
    const closed = await attempt(`Weight ${grams} g`, () =>
      post<PackState>(`${url}/close-box`, { weightGrams: grams }),
    );
    apply(closed);
    const differs = closed.discrepancies.find((d) => d.kind === 'weight' && d.packedValue === grams);
    answer('accepted', `Weight ${grams} g — box closed`, differs ? `${differs.message} ${closed.cue}` : closed.cue);
  }

  async function openPo(scan: string) {
    const { items } = await attempt(`PO ${scan}`, () =>
      get<{ items: { id: number; poNumber: string; status: string }[] }>('/api/orders', { q: scan, limit: 5 }),
    );
    const order = items.find((o) => o.poNumber.toUpperCase() === scan.toUpperCase());
    if (!order)
      return answer('refused', `PO ${scan} — not found`, `There is no PO ${scan}. Check the PO sheet and scan again.`);
    if (!['open', 'picking'].includes(order.status))
      return answer(
        'refused',
        `PO ${order.poNumber} — not packable`,
        `PO ${order.poNumber} is ${order.status.replace(/_/g, ' ')}: it cannot be packed.`,
      );
    const opened = await attempt(`PO ${order.poNumber}`, () => get<PackState>(`/api/orders/${order.id}/pack`));
    apply(opened);
    setFinished(null);
    navigate(`/pack/${order.id}`);
    answer('accepted', `PO ${order.poNumber} — opened`, opened.cue);
  }

  async function finish() {
    const current = stateRef.current;
    if (!current) return answer('refused', 'Finish — no PO is open', 'Scan a PO number first.');
    const result = await attempt(`PO ${current.poNumber}`, () =>
      post<FinishResult>(`/api/orders/${current.orderId}/pack/finish`, {}),
    );
    apply(result);
    setFinished(result);
    if (result.documentsPending) {
      const reason = plainReason(result.documentsPending);
      shelf.hold(result.orderId, reason);
      answer('hold', 'Hold this carton — invoice not issued yet', `PO ${result.poNumber} is packed. ${reason}`);
    } else {
      answer(
        'accepted',
        `PO ${result.poNumber} — packed, documents ready`,
        'Print the invoice and labels, then scan the next PO.',
      );
    }
    void shelf.refresh();
  }

  const handler = useRef(handle);
  handler.current = handle;
  const describer = useRef(describe);
  describer.current = describe;
  const queue = useRef<ScanQueue<Item> | null>(null);
  queue.current ??= new ScanQueue<Item>({
    handle: (item) => handler.current(item),
    isOffline,
    onError: (item, error) => {
      if (!(error instanceof Answered))
        answer('refused', refusalTitle(describer.current(item), error), messageOf(error));
    },
    onOffline: (item) => {
      const waiting = queue.current?.snapshot().pending ?? 1;
      answer(
        'offline',
        offlineTitle,
        `${describer.current(item)} is kept${waiting > 1 ? ` with ${waiting - 1} more` : ''}: it is sent again with your next scan, or press Retry.`,
      );
    },
    onChange: setQueued,
  });
  const push = (item: Item) => queue.current?.push(item);

  // A new order id in the address (a link, or the order page's "Pack this PO") loads it; a PO the
  // station opened itself is loaded already.
  // biome-ignore lint/correctness/useExhaustiveDependencies: push and focus only touch refs.
  useEffect(() => {
    if (orderId === stateRef.current?.orderId) return;
    push(orderId ? { kind: 'load', orderId } : { kind: 'reset' });
    focus();
  }, [orderId]);

  function shortcuts(e: KeyboardEvent) {
    const key = e.key.toLowerCase();
    if (e.altKey && key === 'c') {
      e.preventDefault();
      push({ kind: 'close' });
    }
    if (e.altKey && key === 'f') {
      e.preventDefault();
      push({ kind: 'finish' });
    }
    if (e.key === 'Escape' && weighingRef.current) {
      e.preventDefault();
      apply(stateRef.current, { weighing: false });
    }
  }

  const label = `${prompts[mode]}${mode === 'unit' && state?.openBox ? ` · box ${state.openBox}` : ''}`;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: station-wide keyboard shortcuts; every control inside is a real button or input.
    <div className="pack station" onKeyDown={shortcuts}>
      <div className="page-head">
        <h1>Pack station{state ? `: PO ${state.poNumber}` : ''}</h1>
        <div className="actions">
          {state && mode !== 'done' ? (
            <>
              <button
                type="button"
                onClick={() => {
                  push({ kind: 'close' });
                  focus();
                }}
                disabled={!state.openBox || weighing}
              >
                Close box <kbd>Alt+C</kbd>
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  push({ kind: 'finish' });
                  focus();
                }}
                disabled={!!state.openBox || state.boxes.length === 0}
              >
                Finish <kbd>Alt+F</kbd>
              </button>
            </>
          ) : null}
          {state ? (
            <Link to="/pack" className="button">
              Next PO
            </Link>
          ) : null}
        </div>
      </div>
      <ScanInput
        label={label}
        inputRef={input}
        onScan={(code) => push({ kind: 'scan', code })}
        numeric={mode === 'weight'}
        pending={queued.pending}
        className={`scan-${mode}`}
      />
      {state ? (
        <div className="station-status">
          <p className="station-step" data-testid="pack-next">
            {state.cue}
          </p>
          <p className="station-left" data-testid="pack-left">
            <span className="station-left-number">{state.unitsRemaining}</span>{' '}
            {state.unitsRemaining === 1 ? 'unit' : 'units'} left
          </p>
        </div>
      ) : null}
      <LastAnswer answer={answers[0] ?? null} />
      {queued.offline ? (
        <RetryWaitingScans
          onRetry={() => {
            queue.current?.retry();
            focus();
          }}
        />
      ) : null}
      {finished && finished.orderId === state?.orderId ? <PackDone result={finished} /> : null}
      {state?.plan ? <PlanView plan={state.plan} /> : null}
      {state ? <BoxView state={state} /> : null}
      <WaitingShelf shelf={shelf} />
      <AnswerLog answers={answers} />
    </div>
  );
}
