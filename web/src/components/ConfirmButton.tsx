import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface ConfirmBarProps {
  /** What will happen, as a question: "Unlink SKU X from listing Y?" */
  question: ReactNode;
  /** The button that does it ("Unlink"), shown as dangerous. */
  confirmLabel: string;
  /** The button that leaves things as they are ("Keep"); it has the focus, so Enter never destroys. */
  keepLabel?: string;
  busy?: boolean;
  onConfirm(): void;
  onKeep(): void;
}

/**
 * The inline confirm step of a destructive action, in the page (not window.confirm): the question and
 * two buttons, a group named by the question. Focus goes to Keep; Escape keeps.
 */
export function ConfirmBar({ question, confirmLabel, keepLabel = 'Keep', busy, onConfirm, onKeep }: ConfirmBarProps) {
  const questionId = useId();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onKeep();
    }
  };
  return (
    <div className="confirm-bar" role="group" aria-labelledby={questionId} onKeyDown={onKeyDown} data-testid="confirm">
      <span id={questionId} className="confirm-question">
        {question}
      </span>
      <span className="confirm-buttons">
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" ref={keep} disabled={busy} onClick={onKeep}>
          {keepLabel}
        </button>
      </span>
    </div>
  );
}

interface ConfirmButtonProps extends Omit<ConfirmBarProps, 'onKeep' | 'onConfirm'> {
  /** The button's text, and its accessible name when `ariaLabel` is not given. */
  children: ReactNode;
  ariaLabel?: string;
  className?: string;
  disabled?: boolean;
  onConfirm(): void | Promise<void>;
}

/**
 * A button for a destructive action that asks first, inline: pressing it shows the question with the
 * action and Keep; only the action's button does it. Keep (or Escape) puts the button back and focus on it.
 */
export function ConfirmButton({
  children,
  ariaLabel,
  className = 'danger',
  disabled,
  onConfirm,
  ...bar
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!asking && returnFocus) {
      trigger.current?.focus();
      setReturnFocus(false);
    }
  }, [asking, returnFocus]);

  if (asking)
    return (
      <ConfirmBar
        {...bar}
        onKeep={() => {
          setAsking(false);
          setReturnFocus(true);
        }}
        onConfirm={() => {
          setAsking(false);
          void onConfirm();
        }}
      />
    );
  return (
    <button
      type="button"
      ref={trigger}
      className={className}
      aria-label={ariaLabel}
      disabled={disabled}
      onClick={() => setAsking(true)}
    >
      {children}
    </button>
  );
}
