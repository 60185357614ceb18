import { useState, type FormEvent, type RefObject } from 'react';

interface Props {
  label: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onScan(code: string): void;
  /** Typed by hand, the weight wants the number pad. */
  numeric?: boolean;
  /** Scans queued and not answered yet. */
  pending: number;
  className?: string;
}

/**
 * The one scan input of a station. A hardware scanner types the code and presses Enter; the input
 * is never disabled and every Enter is handed on at once (the station queues it), so no scan is
 * lost however fast they come. `inputmode="none"` keeps a handheld's on-screen keyboard down while
 * the scanner types; the keyboard button raises it to type a code by hand.
 */
export function ScanInput({ label, inputRef, onScan, numeric = false, pending, className }: Props) {
  const [keyboard, setKeyboard] = useState(false);
  const focus = () => requestAnimationFrame(() => inputRef.current?.focus());

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = inputRef.current;
    if (!input) return;
    const code = input.value.trim();
    input.value = '';
    if (code) onScan(code);
  }

  return (
    <form onSubmit={submit} className={`scan ${className ?? ''}`}>
      <label htmlFor="scan">{label}</label>
      <div className="scan-row">
        <input
          id="scan"
          ref={inputRef}
          defaultValue=""
          autoFocus
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="enter"
          inputMode={keyboard ? (numeric ? 'numeric' : 'text') : 'none'}
          aria-describedby="scan-pending"
          onBlur={(e) => {
            if (!e.relatedTarget) focus();
          }}
        />
        <button
          type="button"
          className="scan-keyboard"
          aria-pressed={keyboard}
          onClick={() => {
            setKeyboard((k) => !k);
            focus();
          }}
        >
          <span aria-hidden="true">⌨</span> Keyboard
        </button>
      </div>
      <p id="scan-pending" className="scan-pending" aria-live="polite">
        {pending > 0 ? `${pending} scan${pending === 1 ? '' : 's'} being answered…` : ''}
      </p>
    </form>
  );
}
