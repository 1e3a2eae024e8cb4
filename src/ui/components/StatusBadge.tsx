import type { StatusVM } from '../view-models/account-view';

/** Colour AND word AND glyph: never colour alone. */
export function StatusBadge({ status }: { status: StatusVM }) {
  return (
    <span class={`rg-badge rg-tone-${status.tone}`} title={status.summary} data-status={status.word}>
      <span aria-hidden="true">{status.glyph}</span>
      {status.word}
    </span>
  );
}
