import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError, get, messageOf, post } from '../../api.ts';
import { RefusalBanner, type Cue } from '../../components/RefusalBanner.tsx';
import { Link } from '../../components/Link.tsx';
import { navigate, useTitle } from '../../router.ts';
import { BoxView } from './BoxView.tsx';
import { modeOf, prompts, type FinishResult, type PackState } from './pack-types.ts';
import { PackDone } from './PackDone.tsx';
import { PlanView } from './PlanView.tsx';

/**
 * The pack station, scanner first. One input keeps the focus; a scanner types and presses Enter.
 * What a scan means follows the state: a PO number, then a box id, then units, then (Alt+C, or by
 * itself once everything is in) the weight. Alt+F finishes. Every answer shows big, refusals in red.
 */
export function PackStation({ orderId }: { orderId?: number }) {
  useTitle('Pack station');
  const [state, setState] = useState<PackState | null>(null);
  const [finished, setFinished] = useState<FinishResult | null>(null);
  const [weighing, setWeighing] = useState(false);
  const [cue, setCue] = useState<Cue | null>(null);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const mode = modeOf(state, weighing);

  const show = useCallback(
    (kind: Cue['kind'], title: string, message?: string) => setCue({ kind, title, message, seq: ++seq.current }),
    [],
  );
  const refuse = useCallback(
    (error: unknown) =>
      show(
        'refused',
        error instanceof ApiError && error.code === 'invalid' ? 'Not accepted' : 'Refused',
        messageOf(error),
      ),
    [show],
  );
  const focus = () => requestAnimationFrame(() => input.current?.focus());

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus only touches a ref; a new order id resets the station.
  useEffect(() => {
    setState(null);
    setFinished(null);
    setWeighing(false);
    if (orderId) get<PackState>(`/api/orders/${orderId}/pack`).then(setState, refuse);
    focus();
  }, [orderId, refuse]);

  // Once every unit is in, the next thing to type is the weight.
  useEffect(() => {
    if (state?.openBox && state.unitsRemaining === 0) setWeighing(true);
  }, [state]);

  async function act(scan: string) {
    if (mode === 'po') return openPo(scan);
    if (!state) return;
    const url = `/api/orders/${state.orderId}/pack`;
    if (mode === 'box') {
      setState(await post<PackState>(`${url}/box`, { box: scan }));
      show('accepted', `Box ${scan.toUpperCase()} is open`, 'Scan the units into it.');
    } else if (mode === 'unit') {
      const next = await post<PackState>(`${url}/scan`, { code: scan });
      setState(next);
      const line = next.lines.find((l) => l.sku === scan || l.ean === scan);
      show(
        'accepted',
        line ? `${line.sku}: ${line.packed} of ${line.ordered - line.cancelled}` : `${scan} packed`,
        next.unitsRemaining === 0
          ? 'Every unit is in: type the box weight.'
          : `${next.unitsRemaining} unit(s) left on this PO.`,
      );
    } else if (mode === 'weight') {
      const grams = Number(scan);
      if (!/^\d+$/.test(scan) || grams < 1)
        return show('refused', 'Not a weight', 'Type the box weight in whole grams, such as 850, and press Enter.');
      const closed = await post<PackState>(`${url}/close-box`, { weightGrams: grams });
      setState(closed);
      setWeighing(false);
      const differs = closed.discrepancies.find((d) => d.kind === 'weight' && d.packedValue === grams);
      show('accepted', `Box closed at ${grams} g`, differs ? `${differs.message} ${closed.cue}` : closed.cue);
    }
  }

  async function openPo(scan: string) {
    const { items } = await get<{ items: { id: number; poNumber: string; status: string }[] }>('/api/orders', {
      q: scan,
      limit: 5,
    });
    const order = items.find((o) => o.poNumber.toUpperCase() === scan.toUpperCase());
    if (!order) return show('refused', 'Wrong PO', `There is no PO ${scan}. Check the PO sheet and scan again.`);
    if (!['open', 'picking'].includes(order.status))
      return show(
        'refused',
        'Not packable',
        `PO ${order.poNumber} is ${order.status.replace(/_/g, ' ')}: it cannot be packed.`,
      );
    navigate(`/pack/${order.id}`);
  }

  async function finish() {
    if (!state || busy) return;
    setBusy(true);
    try {
      const result = await post<FinishResult>(`/api/orders/${state.orderId}/pack/finish`, {});
      setFinished(result);
      setState(result);
      show(
        'accepted',
        `PO ${result.poNumber} is packed`,
        result.documentsPending ? result.documentsPending.message : 'Print the invoice and the box labels.',
      );
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
      focus();
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const scan = value.trim();
    setValue('');
    if (!scan || busy) return;
    setBusy(true);
    try {
      await act(scan);
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
      focus();
    }
  }

  function shortcuts(e: KeyboardEvent) {
    if (e.altKey && e.key.toLowerCase() === 'c' && state?.openBox) {
      e.preventDefault();
      setWeighing(true);
      focus();
    }
    if (e.altKey && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      void finish();
    }
    if (e.key === 'Escape' && weighing) {
      e.preventDefault();
      setWeighing(false);
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: station-wide keyboard shortcuts; every control inside is a real button or input.
    <div className="pack" onKeyDown={shortcuts}>
      <div className="page-head">
        <h1>Pack station{state ? `: PO ${state.poNumber}` : ''}</h1>
        <div className="actions">
          {state && mode !== 'done' ? (
            <>
              <button
                type="button"
                onClick={() => {
                  setWeighing(true);
                  focus();
                }}
                disabled={!state.openBox || weighing}
              >
                Close box <kbd>Alt+C</kbd>
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => void finish()}
                disabled={busy || !!state.openBox || state.boxes.length === 0}
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
      {mode !== 'done' ? (
        <form onSubmit={submit} className={`scan scan-${mode}`}>
          <label htmlFor="scan">
            {prompts[mode]}
            {mode === 'unit' && state?.openBox ? ` · box ${state.openBox}` : ''}
          </label>
          <input
            id="scan"
            ref={input}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            inputMode={mode === 'weight' ? 'numeric' : 'text'}
            aria-busy={busy}
            onBlur={(e) => {
              if (!e.relatedTarget) focus();
            }}
          />
        </form>
      ) : null}
      {state && mode !== 'done' ? (
        <p className="muted" data-testid="pack-cue">
          {state.cue}
        </p>
      ) : null}
      <RefusalBanner cue={cue} />
      {state?.plan ? <PlanView plan={state.plan} /> : null}
      {finished ? <PackDone result={finished} /> : null}
      {state ? <BoxView state={state} /> : null}
    </div>
  );
}
