import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError, messageOf, post } from '../../api.ts';
import { RefusalBanner, type Cue } from '../../components/RefusalBanner.tsx';
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

/**
 * Return inbound, scanner first like the pack station: one input keeps the focus; a scanner types and
 * presses Enter. The parcel's AWB receives the return; then each unit is scanned and judged good
 * (back to stock) or bad (damaged) — G or B and Enter, a GOOD/BAD card scanned, Alt+G/Alt+B or the
 * buttons. A unit not on the return, or one more than was returned, is refused big, in red, silently.
 */
export function InboundStation({ ret, onChange, onHeld, onLogged }: Props) {
  const [held, setHeldState] = useState<Held | null>(null);
  const [cue, setCue] = useState<Cue | null>(null);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const mode: Mode = ret.status === 'confirmed' ? 'receive' : held ? 'qc' : 'unit';

  const show = useCallback(
    (kind: Cue['kind'], title: string, message?: string) => setCue({ kind, title, message, seq: ++seq.current }),
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
    setHeldState(next);
    onHeld(next);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the scan input once, when the station opens.
  useEffect(() => {
    focus();
  }, []);

  async function receive(scan: string) {
    if (!isThisReturn(ret, scan)) {
      return show(
        'refused',
        'Wrong parcel',
        `${scan} is not this return: it is ${ret.externalId}${ret.awb ? `, AWB ${ret.awb}` : ''}. Check the parcel's label.`,
      );
    }
    onChange(await post<ReturnDetail>(`/api/returns/${ret.id}/receive`, {}));
    show('accepted', `Return ${ret.externalId} is being received`, 'Scan its units one by one.');
  }

  function scanUnit(scan: string) {
    if (qcResultOf(scan))
      return show('refused', 'Scan the unit first', `Scan the unit's EAN or SKU, then say whether it is good or bad.`);
    const found = matchUnit(ret, scan);
    if (found.kind === 'refused') return show('refused', found.title, found.message);
    hold({ code: scan, sku: found.sku, line: found.line });
    show('accepted', `${found.sku}: good or bad?`, 'G and Enter: back to stock. B and Enter: damaged.');
  }

  async function judge(result: QcResult) {
    if (!held) return;
    const unit = held;
    hold(null);
    const outcome = await post<QcOutcome>(`/api/returns/${ret.id}/qc`, { code: unit.code, result });
    onChange(outcome.return);
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

  async function run(action: () => Promise<unknown> | unknown) {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
      focus();
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const scan = value.trim();
    setValue('');
    if (!scan) return;
    void run(() => {
      if (mode === 'receive') return receive(scan);
      if (mode === 'unit') return scanUnit(scan);
      const result = qcResultOf(scan);
      if (result) return judge(result);
      show(
        'refused',
        `Decide ${held!.sku} first`,
        `Say whether the ${held!.sku} in hand is good (G) or bad (B) before scanning the next unit; Esc puts it back.`,
      );
    });
  }

  function shortcuts(e: KeyboardEvent) {
    if (held && e.altKey && ['g', 'b'].includes(e.key.toLowerCase())) {
      e.preventDefault();
      void run(() => judge(e.key.toLowerCase() === 'g' ? 'good' : 'bad'));
    }
    if (held && e.key === 'Escape') {
      e.preventDefault();
      hold(null);
      show('accepted', `${held.sku} put back`, 'Scan the next unit.');
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: station-wide keyboard shortcuts; every control inside is a real button or input.
    <div className="inbound" onKeyDown={shortcuts}>
      <form onSubmit={submit} className={`scan scan-${mode}`}>
        <label htmlFor="scan">{mode === 'qc' && held ? `${held.sku}: ${prompts.qc}` : prompts[mode]}</label>
        <input
          id="scan"
          ref={input}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-busy={busy}
          onBlur={(e) => {
            if (!e.relatedTarget) focus();
          }}
        />
        {held ? (
          <div className="qc-choice">
            <button type="button" className="qc-good" disabled={busy} onClick={() => void run(() => judge('good'))}>
              Good: back to stock <kbd>G</kbd>
            </button>
            <button type="button" className="qc-bad" disabled={busy} onClick={() => void run(() => judge('bad'))}>
              Bad: damaged <kbd>B</kbd>
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                hold(null);
                focus();
              }}
            >
              Put back <kbd>Esc</kbd>
            </button>
          </div>
        ) : null}
      </form>
      <RefusalBanner cue={cue} />
    </div>
  );
}
