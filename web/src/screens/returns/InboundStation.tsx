import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, messageOf, post } from '../../api.ts';
import { ScanQueue } from '../../components/scan-queue.ts';
import { isOffline, offlineTitle } from '../pack/pack-answers.ts';
import { ScanInput } from '../pack/ScanInput.tsx';
import { LastAnswer, RetryWaitingScans, type Answer, type AnswerKind } from '../pack/StationAnswer.tsx';
import '../pack/pack.css';
import { isThisReturn, matchUnit, qcResultOf } from './scan-match.ts';
import type { QcOutcome, QcResult, ReturnDetail, ReturnLine } from './return-types.ts';

export interface Held {
  code: string;
  sku: string;
  line: ReturnLine;
}

export interface LoggedScan {
  seq: number;
  sku: string;
  result: QcResult;
  stock: QcOutcome['stock'];
}

type Mode = 'receive' | 'unit' | 'qc';

const prompts: Record<Mode, string> = {
  receive: "Scan the parcel's AWB or the return number to receive it",
  unit: 'Scan a unit: its EAN or SKU code',
  qc: 'Good or bad? Type G or B (or scan GOOD / BAD) and press Enter',
};

interface Props {
  ret: ReturnDetail;
  onChange(ret: ReturnDetail): void;
  onHeld(held: Held | null): void;
  onLogged(scan: LoggedScan): void;
}

/** A scan, or a QC button or key, in the order it was made. */
type Item = { kind: 'scan'; code: string } | { kind: 'judge'; result: QcResult };

/**
 * Return inbound, scanner first like the pack station: one input keeps the focus; a scanner types and
 * presses Enter, and every scan is queued and answered in order (scan-queue.ts), none dropped. The parcel's AWB receives the return; then each unit is scanned and judged good
 * (back to stock) or bad (damaged) — G or B and Enter, a GOOD/BAD card scanned, Alt+G/Alt+B or the
 * buttons. A unit not on the return, or one more than was returned, is refused big, in red, silently.
 */
export function InboundStation({ ret, onChange, onHeld, onLogged }: Props) {
  const [held, setHeldState] = useState<Held | null>(null);
  const [cue, setCue] = useState<Answer | null>(null);
  const [queued, setQueued] = useState({ pending: 0, offline: false });
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  // What queued scans are read against: the latest return and held unit, before React redraws.
  const retRef = useRef(ret);
  const heldRef = useRef<Held | null>(null);
  const mode = modeOf(ret, held);

  useEffect(() => {
    retRef.current = ret;
  }, [ret]);

  const show = useCallback(
    (kind: AnswerKind, title: string, message?: string) => setCue({ kind, title, message, seq: ++seq.current }),
    [],
  );
  const refuse = (error: unknown) =>
    show(
      'refused',
      error instanceof ApiError && error.code === 'invalid' ? 'Not accepted' : 'Refused',
      messageOf(error),
    );
  const focus = () => requestAnimationFrame(() => input.current?.focus());
  const hold = (next: Held | null) => {
    heldRef.current = next;
    setHeldState(next);
    onHeld(next);
  };
  const changed = (next: ReturnDetail) => {
    retRef.current = next;
    onChange(next);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the scan input once, when the station opens.
  useEffect(() => {
    focus();
  }, []);

  async function receive(scan: string) {
    const current = retRef.current;
    if (!isThisReturn(current, scan)) {
      return show(
        'refused',
        'Wrong parcel',
        `${scan} is not this return: it is ${current.externalId}${current.awb ? `, AWB ${current.awb}` : ''}. Check the parcel's label.`,
      );
    }
    changed(await post<ReturnDetail>(`/api/returns/${current.id}/receive`, {}));
    show('accepted', `${scan} — return ${current.externalId} is being received`, 'Scan its units one by one.');
  }

  function scanUnit(scan: string) {
    if (qcResultOf(scan))
      return show('refused', 'Scan the unit first', `Scan the unit's EAN or SKU, then say whether it is good or bad.`);
    const found = matchUnit(retRef.current, scan);
    if (found.kind === 'refused') return show('refused', found.title, found.message);
    hold({ code: scan, sku: found.sku, line: found.line });
    show('accepted', `${found.sku}: good or bad?`, 'G and Enter: back to stock. B and Enter: damaged.');
  }

  async function judge(result: QcResult) {
    const unit = heldRef.current;
    if (!unit) return show('refused', 'No unit in hand', 'Scan a unit first, then say whether it is good or bad.');
    const outcome = await post<QcOutcome>(`/api/returns/${retRef.current.id}/qc`, { code: unit.code, result });
    hold(null);
    changed(outcome.return);
    onLogged({ seq: ++seq.current, sku: outcome.unit.sku, result, stock: outcome.stock });
    const next =
      outcome.unit.left > 0
        ? `${outcome.unit.left} more of ${outcome.unit.sku} expected.`
        : `All of ${outcome.unit.sku} is in.`;
    show(
      'accepted',
      result === 'good' ? `${outcome.unit.sku}: good, back to stock` : `${outcome.unit.sku}: bad, to damaged`,
      result === 'good'
        ? `On hand at ${outcome.stock.warehouse} is now ${outcome.stock.onHand}. ${next}`
        : `Damaged at ${outcome.stock.warehouse} is now ${outcome.stock.damaged}. ${next}`,
    );
  }

  async function handle(item: Item) {
    if (item.kind === 'judge') return judge(item.result);
    const scan = item.code;
    const now = modeOf(retRef.current, heldRef.current);
    if (now === 'receive') return receive(scan);
    if (now === 'unit') return scanUnit(scan);
    const result = qcResultOf(scan);
    if (result) return judge(result);
    const sku = heldRef.current?.sku;
    show(
      'refused',
      `Decide ${sku} first`,
      `Say whether the ${sku} in hand is good (G) or bad (B) before scanning the next unit; Esc puts it back.`,
    );
  }

  const handler = useRef(handle);
  handler.current = handle;
  const refuser = useRef(refuse);
  refuser.current = refuse;
  const queue = useRef<ScanQueue<Item> | null>(null);
  queue.current ??= new ScanQueue<Item>({
    handle: (item) => handler.current(item),
    isOffline,
    onError: (_item, error) => refuser.current(error),
    onOffline: (item) =>
      show(
        'offline',
        offlineTitle,
        `${item.kind === 'scan' ? item.code : item.result === 'good' ? 'Good' : 'Bad'} is kept: it is sent again with your next scan, or press Retry.`,
      ),
    onChange: setQueued,
  });
  const push = (item: Item) => queue.current?.push(item);

  function shortcuts(e: KeyboardEvent) {
    if (held && e.altKey && ['g', 'b'].includes(e.key.toLowerCase())) {
      e.preventDefault();
      push({ kind: 'judge', result: e.key.toLowerCase() === 'g' ? 'good' : 'bad' });
    }
    if (held && e.key === 'Escape') {
      e.preventDefault();
      hold(null);
      show('accepted', `${held.sku} put back`, 'Scan the next unit.');
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: station-wide keyboard shortcuts; every control inside is a real button or input.
    <div className="inbound station" onKeyDown={shortcuts}>
      <ScanInput
        label={mode === 'qc' && held ? `${held.sku}: ${prompts.qc}` : prompts[mode]}
        inputRef={input}
        onScan={(code) => push({ kind: 'scan', code })}
        pending={queued.pending}
        className={`scan-${mode}`}
      />
      {held ? (
        <div className="qc-choice">
          <button
            type="button"
            className="qc-good"
            onClick={() => {
              push({ kind: 'judge', result: 'good' });
              focus();
            }}
          >
            Good: back to stock <kbd>G</kbd>
          </button>
          <button
            type="button"
            className="qc-bad"
            onClick={() => {
              push({ kind: 'judge', result: 'bad' });
              focus();
            }}
          >
            Bad: damaged <kbd>B</kbd>
          </button>
          <button
            type="button"
            onClick={() => {
              hold(null);
              focus();
            }}
          >
            Put back <kbd>Esc</kbd>
          </button>
        </div>
      ) : null}
      <LastAnswer answer={cue} />
      {queued.offline ? (
        <RetryWaitingScans
          onRetry={() => {
            queue.current?.retry();
            focus();
          }}
        />
      ) : null}
    </div>
  );
}

const modeOf = (ret: ReturnDetail, held: Held | null): Mode =>
  ret.status === 'confirmed' ? 'receive' : held ? 'qc' : 'unit';
