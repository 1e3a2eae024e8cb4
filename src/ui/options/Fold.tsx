import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A section folded to its heading until opened (the disclosure pattern: a button inside the
 * heading, aria-expanded), so the page starts short. `open` from outside (the popup's
 * "journal") or a link to `#<id>` opens it; the heading keeps the id `rg-<id>-h` the page focuses.
 */
export function Fold(props: {
  id: string;
  title: string;
  /** One line under the heading while folded. */
  hint?: string;
  open?: boolean;
  testId?: string;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(props.open ?? false);
  useEffect(() => {
    if (props.open) setOpen(true);
  }, [props.open]);
  // The page's own links (#journal, #lock-me-out) open the section they point at.
  useEffect(() => {
    const onHash = () => {
      if (globalThis.location?.hash === `#${props.id}`) setOpen(true);
    };
    onHash();
    globalThis.addEventListener?.('hashchange', onHash);
    return () => globalThis.removeEventListener?.('hashchange', onHash);
  }, [props.id]);
  const bodyId = `rg-${props.id}-body`;
  return (
    <section class="rg-panel" id={props.id} aria-labelledby={`rg-${props.id}-h`} data-testid={props.testId}>
      <h2 id={`rg-${props.id}-h`} tabIndex={-1}>
        <button
          type="button"
          class="rg-rule-name"
          aria-expanded={open}
          aria-controls={open ? bodyId : undefined}
          onClick={() => setOpen(!open)}
        >
          {props.title}
        </button>
      </h2>
      {!open && props.hint && <p class="rg-dim">{props.hint}</p>}
      {open && <div id={bodyId}>{props.children}</div>}
    </section>
  );
}
