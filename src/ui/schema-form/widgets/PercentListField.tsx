import { useState } from 'preact/hooks';
import { FieldFrame } from '../FieldFrame';
import type { FieldProps } from '../form-context';
import { aria, common, parseNumberText, sentences, shown } from '../ScalarFields';
import { percentOf } from '../value-words';

/**
 * Fractions of a limit (0.5, 0.8, 0.95) typed and shown as percentages ("50, 80, 95"). What is
 * not a number is written as typed, so the schema names it in words.
 */
export function PercentListField(p: FieldProps) {
  const c = common(p);
  const v = shown(p);
  const [draft, setDraft] = useState(
    Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? percentOf(x) : String(x))).join(', ') : '',
  );
  const help = sentences(c.help, 'Separate with commas, e.g. 50, 80, 95');
  const withHelp = { ...c, help };
  return (
    <FieldFrame {...withHelp} unit={p.node.unit}>
      <input
        id={c.id}
        type="text"
        inputMode="decimal"
        autocomplete="off"
        value={draft}
        disabled={p.ctx.disabled}
        {...aria(withHelp)}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLInputElement).value;
          setDraft(text);
          const parts = text.trim() === '' ? [] : text.split(',').map((s) => s.trim().replace(/%$/, '').trim());
          p.ctx.set(
            p.path,
            parts.map((s) => {
              const n = parseNumberText(s);
              return typeof n === 'number' ? Math.round(n * 100) / 10_000 : s;
            }),
          );
        }}
      />
    </FieldFrame>
  );
}
