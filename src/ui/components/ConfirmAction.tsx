import { useState } from 'preact/hooks';
import { errorMessage } from '../../core/error-message';

/**
 * A destructive action in two steps: the first press asks, the second does. Keyboard: both
 * are buttons, focus moves to the confirm button, Escape (or Cancel) backs out.
 */
export function ConfirmAction(props: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<string>;
  disabled?: boolean;
}) {
  const [step, setStep] = useState<'idle' | 'asking' | 'busy'>('idle');
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);

  const confirm = async () => {
    setStep('busy');
    try {
      setResult({ text: await props.onConfirm(), error: false });
    } catch (error) {
      setResult({ text: errorMessage(error, 'failed'), error: true });
    }
    setStep('idle');
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
            setStep('asking');
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
            if (e.key === 'Escape' && step === 'asking') setStep('idle');
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
          <button type="button" class="rg-btn" disabled={step === 'busy'} onClick={() => setStep('idle')}>
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
