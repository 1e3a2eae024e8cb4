import { useState } from 'preact/hooks';

/** A symbol as typed → as stored: "/mnq " → "MNQ" (the page's contract names carry a slash). */
export const symbolText = (text: string): string => text.trim().toUpperCase().replace(/^\//, '');

/**
 * One labelled input and an add button (Enter adds too) under a list or a table: a symbol
 * (suggested from the gateway's list, free text allowed) or a date. `clean` says what the
 * typed text becomes; null keeps the button off.
 */
export function AddRow(props: {
  id: string;
  label: string;
  button: string;
  type: 'text' | 'date';
  list?: string | undefined;
  disabled: boolean;
  clean(text: string): string | null;
  onAdd(item: string): void;
}) {
  const [draft, setDraft] = useState('');
  const item = props.clean(draft);
  const add = () => {
    if (item === null) return;
    props.onAdd(item);
    setDraft('');
  };
  return (
    <div class="rg-add-row">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type}
        list={props.list}
        autocomplete="off"
        spellcheck={false}
        size={props.type === 'text' ? 10 : undefined}
        value={draft}
        disabled={props.disabled}
        onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
      />
      <button type="button" class="rg-btn" disabled={props.disabled || item === null} onClick={add}>
        {props.button}
      </button>
    </div>
  );
}
