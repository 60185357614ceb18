import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { get, messageOf } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import type { SkuOption } from './mapping-types.ts';

interface SkuPickerProps {
  label: string;
  /** The refusal to show under the field (from the API, or "choose a SKU"). */
  error?: string;
  busy: boolean;
  /** The SKU chosen: its option (with its EAN) when it was picked from the list or typed as listed. */
  onChoose(code: string, option?: SkuOption): void;
  onCancel(): void;
}

/** Waits this long after the last key before asking the server, so typing a code is one search, not ten. */
const typingPauseMs = 200;

/**
 * A type-ahead over the Weft SKU master: it asks the API (active SKUs only; code, name, style or EAN)
 * as the person types, never loading the master into the browser. Arrow keys move, Enter takes the
 * highlighted SKU or, with none highlighted, the code as typed (the server says if it does not exist).
 */
export function SkuPicker({ label, error, busy, onChoose, onCancel }: SkuPickerProps) {
  const [text, setText] = useState('');
  const [options, setOptions] = useState<SkuOption[]>([]);
  const [active, setActive] = useState(-1);
  const [searchError, setSearchError] = useState<string | null>(null);
  // A refusal answers what was entered; once the text changes it no longer applies.
  const [answered, setAnswered] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      get<{ items: SkuOption[] }>('/api/skus', { q, active: true, limit: 8 }).then(
        (page) => {
          if (live) {
            setOptions(page.items);
            setActive(-1);
            setSearchError(null);
          }
        },
        (e: unknown) => {
          if (live) setSearchError(messageOf(e));
        },
      );
    }, typingPauseMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);

  const choose = (code: string) => {
    if (busy) return;
    const option = options.find((o) => o.code === code);
    setOptions([]);
    setAnswered(text);
    onChoose(code, option);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (e.key === 'Escape') onCancel();
    else if (e.key === 'Enter') {
      e.preventDefault();
      const picked = active >= 0 ? options[active]?.code : text.trim();
      if (picked) choose(picked);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const open = options.length > 0;
  return (
    <div className="sku-picker">
      <Field
        label={label}
        error={(answered === text ? error : undefined) ?? searchError ?? undefined}
        hint="Type a SKU code, name or EAN, then choose"
      >
        <input
          type="text"
          role="combobox"
          autoFocus
          autoComplete="off"
          value={text}
          disabled={busy}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </Field>
      {open ? (
        <div className="sku-options" role="listbox" id={listId} aria-label="Matching Weft SKUs">
          {options.map((o, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox input (aria-activedescendant), as the pattern requires.
            // biome-ignore lint/a11y/useFocusableInteractive: options are not focusable in the combobox pattern; the input keeps focus.
            <div
              key={o.code}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(o.code)}
            >
              <strong>{o.code}</strong>{' '}
              <span className="muted">
                {o.name}
                {o.ean ? ` · EAN ${o.ean}` : ''}
              </span>
            </div>
          ))}
        </div>
      ) : null}
      <button type="button" className="link-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
