import { GroupFrame } from '../FieldFrame';
import type { FieldProps } from '../form-context';
import { common, shown } from '../ScalarFields';
import { AddRow, symbolText } from './AddRow';

/**
 * A list of symbols (picked from the gateway's contracts, or typed: a root not listed is fine)
 * or of dates, as removable chips plus one "add" input. Enter adds too.
 */
export function ChipListField(p: FieldProps & { variant: 'symbols' | 'dates' }) {
  const c = common(p);
  const v = shown(p);
  const items = Array.isArray(v) ? (v as unknown[]).map(String) : [];
  const symbols = p.variant === 'symbols';
  const addId = `${c.id}-add`;
  const clean = (text: string) => (symbols ? symbolText(text) : text.trim());
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
      <AddRow
        id={addId}
        label={`Add a ${noun} to ${c.label.toLowerCase()}`}
        button={`Add ${noun}`}
        type={symbols ? 'text' : 'date'}
        list={symbols ? p.ctx.symbolListId : undefined}
        disabled={p.ctx.disabled}
        clean={(text) => {
          const item = clean(text);
          return item === '' || items.includes(item) ? null : item;
        }}
        onAdd={(item) => p.ctx.set(p.path, [...items, item])}
      />
    </GroupFrame>
  );
}
