import { useEffect, useState } from 'preact/hooks';
import type { UpdateNote } from '../../messaging/install-policy';
import { updateLine } from '../whats-new';

/** After an update, one line says what changed (nothing popped up when it landed); dismissable. */
export function UpdateNoteLine({ note, onDismiss }: { note: Promise<UpdateNote | null>; onDismiss: () => void }) {
  const [shown, setShown] = useState<UpdateNote | null>(null);
  useEffect(() => {
    let live = true;
    void note.then((n) => {
      if (live) setShown(n);
    });
    return () => {
      live = false;
    };
  }, [note]);
  if (!shown) return null;
  return (
    <p class="rg-panel rg-row rg-dim" role="note" data-testid="update-note" style={{ margin: '0 0 6px' }}>
      <span>{updateLine(shown)}</span>
      <button
        type="button"
        class="rg-btn"
        aria-label="Dismiss the update note"
        onClick={() => {
          setShown(null);
          onDismiss();
        }}
      >
        OK
      </button>
    </p>
  );
}
