import { useState } from 'preact/hooks';
import { GroupFrame } from '../FieldFrame';
import type { FieldProps } from '../form-context';
import { common, shown } from '../ScalarFields';

/**
 * A list of symbols (picked from the gateway's contracts, or typed: a root not listed is fine)
 * or of dates, as removable chips plus one "add" input. Enter adds too.
 */
export function ChipListField(p: FieldProps & { variant: 'symbols' | 'dates' }) {
  const c = common(p);
  const v = shown(p);
  const items = Array.isArray(v) ? (v as unknown[]).map(String) : [];
  const [draft, setDraft] = useState('');
  const symbols = p.variant === 'symbols';
  const addId = `${c.id}-add`;
  const clean = (text: string) => (symbols ? text.trim().toUpperCase().replace(/^\//, '') : text.trim());
  const add = () => {
    const item = clean(draft);
    if (item === '' || items.includes(item)) return;
    p.ctx.set(p.path, [...items, item]);
    setDraft('');
  };
  const noun = symbols ? 'symbol' : 'date';
  return (
    <GroupFrame {...c}>
      {items.length === 0 ? (
        <span class="rg-dim">{symbols ? 'No symbol yet.' : 'No date yet.'}</span>
      ) : (
        <ul class="rg-chips">
          {items.map((item) => (
            <li key={item} class="rg-chip">
              {item}
              <button
                type="button"
                class="rg-chip-x"
                aria-label={`Remove ${item}`}
                disabled={p.ctx.disabled}
                onClick={() =>
                  p.ctx.set(
                    p.path,
                    items.filter((x) => x !== item),
                  )
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="rg-add-row">
        <label for={addId}>
          {symbols ? `Add a symbol to ${c.label.toLowerCase()}` : `Add a date to ${c.label.toLowerCase()}`}
        </label>
        <input
          id={addId}
          type={symbols ? 'text' : 'date'}
          list={symbols ? p.ctx.symbolListId : undefined}
          autocomplete="off"
          spellcheck={false}
          size={symbols ? 8 : undefined}
          value={draft}
          disabled={p.ctx.disabled}
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="rg-btn" disabled={p.ctx.disabled || clean(draft) === ''} onClick={add}>
          Add {noun}
        </button>
      </div>
    </GroupFrame>
  );
}
