import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../core/error-message';
import { type ConfirmEvent, type ConfirmStep, nextConfirmStep } from './confirm-steps';

/**
 * A destructive action in two steps: the first press asks, the second does. Keyboard: both
 * are buttons, focus moves to the confirm button, Escape (or Cancel) backs out. The steps
 * move only along the table in confirm-steps.ts: a second confirm acts not twice.
 */
export function ConfirmAction(props: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<string>;
  disabled?: boolean;
}) {
  const [step, setStep] = useState<ConfirmStep>('idle');
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);
  // The step as of the last event, not of the last render: two clicks can come between renders.
  const current = useRef<ConfirmStep>('idle');
  const dispatch = (event: ConfirmEvent): boolean => {
    const next = nextConfirmStep(current.current, event);
    if (next === null) return false;
    current.current = next;
    setStep(next);
    return true;
  };

  const confirm = async () => {
    if (!dispatch('confirm')) return;
    try {
      setResult({ text: await props.onConfirm(), error: false });
    } catch (error) {
      setResult({ text: errorMessage(error, 'failed'), error: true });
    }
    dispatch('done');
  };

  return (
    <div class="rg-confirm">
      {step === 'idle' && (
        <button
          type="button"
          class="rg-btn rg-btn-danger"
          disabled={props.disabled}
          onClick={() => {
            setResult(null);
            dispatch('ask');
          }}
        >
          {props.label}
        </button>
      )}
      {step !== 'idle' && (
        <div
          role="alertdialog"
          aria-label={props.question}
          onKeyDown={(e) => {
            if (e.key === 'Escape') dispatch('cancel');
          }}
        >
          <span>{props.question} </span>
          <button
            type="button"
            class="rg-btn rg-btn-danger"
            disabled={step === 'busy'}
            ref={(el) => el?.focus()}
            onClick={() => void confirm()}
          >
            {props.confirmLabel}
          </button>{' '}
          <button type="button" class="rg-btn" disabled={step === 'busy'} onClick={() => dispatch('cancel')}>
            Cancel
          </button>
        </div>
      )}
      {result && (
        <p role="status" class={result.error ? 'rg-error' : 'rg-dim'}>
          {result.text}
        </p>
      )}
    </div>
  );
}
