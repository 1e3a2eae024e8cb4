import { useState } from 'preact/hooks';
import { describedBy, FieldFrame } from './FieldFrame';
import { type FieldProps, fieldId, pendingUnder, problemsUnder } from './form-context';
import { helpOf, labelOf, type NodeKind, optionLabel } from './json-node';

export type Common = { id: string; label: string; errors: string[]; pending: string[]; help: string | undefined };

export function common(p: FieldProps, leaf = true): Common {
  const id = fieldId(p.ctx, p.path);
  return {
    id,
    label: labelOf(p.node, p.name),
    errors: problemsUnder(p.ctx, p.path, leaf),
    pending: pendingUnder(p.ctx, p.path, leaf),
    help: helpOf(p.node),
  };
}

export const shown = (p: FieldProps): unknown => (p.value === undefined ? p.node.default : p.value);

/** Help sentences joined, each ending with a full stop. */
export const sentences = (...parts: (string | undefined)[]): string | undefined => {
  const text = parts
    .filter((s): s is string => !!s && s.trim() !== '')
    .map((s) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`))
    .join(' ');
  return text === '' ? undefined : text;
};

/** aria-invalid / aria-describedby for a control of `c`. */
export const aria = (c: Common) => ({
  'aria-invalid': c.errors.length > 0,
  'aria-describedby': describedBy(c.id, !!c.help, c.errors.length > 0),
});

export function BooleanField(p: FieldProps) {
  const c = common(p);
  return (
    <FieldFrame {...c} inline unit={p.node.unit}>
      <label for={c.id} class="rg-check">
        <input
          id={c.id}
          type="checkbox"
          checked={shown(p) === true}
          disabled={p.ctx.disabled}
          {...aria(c)}
          onChange={(e) => p.ctx.set(p.path, (e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        {c.label}
      </label>
    </FieldFrame>
  );
}

/** "1,000", "$500", " 30 " → a number; anything else stays text for the schema to reject in words. */
export function parseNumberText(text: string): number | string {
  const t = text.trim().replace(/^\$/, '').replace(/,/g, '');
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
}

/** Text drafts stay as typed; the parsed value (or the raw text, for zod to reject) is written. */
export function NumberField(p: FieldProps & { kind: Extract<NodeKind, { kind: 'number' }> }) {
  const c = common(p);
  const v = shown(p);
  const [draft, setDraft] = useState(v === null || v === undefined ? '' : String(v));
  const emptyWords = p.node.empty ?? 'not set';
  const help = p.kind.nullable ? sentences(c.help, `Leave empty: ${emptyWords}`) : c.help;
  const withHelp = { ...c, help };
  const money = p.node.widget === 'money' || p.node.unit === 'USD';
  const input = (
    <input
      id={c.id}
      type="text"
      inputMode="decimal"
      autocomplete="off"
      class={money ? 'rg-money' : 'rg-number'}
      value={draft}
      placeholder={p.kind.nullable ? emptyWords : undefined}
      disabled={p.ctx.disabled}
      {...aria(withHelp)}
      onInput={(e) => {
        const text = (e.currentTarget as HTMLInputElement).value;
        setDraft(text);
        if (text.trim() === '') p.ctx.set(p.path, p.kind.nullable ? null : undefined);
        else p.ctx.set(p.path, parseNumberText(text));
      }}
    />
  );
  return (
    <FieldFrame {...withHelp} unit={p.node.unit}>
      {money ? (
        <span class="rg-affixed">
          <span aria-hidden="true">$</span>
          {input}
        </span>
      ) : (
        input
      )}
    </FieldFrame>
  );
}

export function StringField(p: FieldProps & { kind: Extract<NodeKind, { kind: 'string' }> }) {
  const c = common(p);
  const v = shown(p);
  return (
    <FieldFrame {...c} unit={p.node.unit}>
      <input
        id={c.id}
        type="text"
        value={typeof v === 'string' ? v : ''}
        disabled={p.ctx.disabled}
        {...aria(c)}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLInputElement).value;
          p.ctx.set(p.path, text === '' && p.kind.nullable ? null : text);
        }}
      />
    </FieldFrame>
  );
}

const NONE = '\u0000none';

export function EnumField(p: FieldProps & { kind: Extract<NodeKind, { kind: 'enum' }> }) {
  const c = common(p);
  const v = shown(p);
  const options = p.kind.options;
  const current = v === null || v === undefined ? NONE : String(v);
  return (
    <FieldFrame {...c} unit={p.node.unit}>
      <select
        id={c.id}
        value={current}
        disabled={p.ctx.disabled}
        {...aria(c)}
        onChange={(e) => {
          const raw = (e.currentTarget as HTMLSelectElement).value;
          if (raw === NONE) p.ctx.set(p.path, null);
          else p.ctx.set(p.path, options.find((o) => String(o) === raw) ?? raw);
        }}
      >
        {(p.kind.nullable || current === NONE) && <option value={NONE}>{p.node.empty ?? 'Not set'}</option>}
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {optionLabel(p.node, o)}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * Numbers as one comma-separated line ("2, 5, 10"); strings one per line in a text area,
 * because a string (an address pattern) may itself contain commas.
 */
export function ScalarListField(p: FieldProps & { kind: Extract<NodeKind, { kind: 'scalar-list' }> }) {
  const c = common(p);
  const v = shown(p);
  const numeric = p.kind.itemType !== 'string';
  const separator = numeric ? ', ' : '\n';
  const [draft, setDraft] = useState(Array.isArray(v) ? v.map(String).join(separator) : '');
  const help = sentences(c.help, numeric ? 'Separate with commas' : 'One per line');
  const withHelp = { ...c, help };
  const onInput = (text: string) => {
    setDraft(text);
    const parts = numeric
      ? text.trim() === ''
        ? []
        : text.split(',').map((s) => s.trim())
      : text.split(/\r?\n/).filter((s) => s.trim() !== '');
    p.ctx.set(
      p.path,
      parts.map((s) => (numeric ? parseNumberText(s) : s)),
    );
  };
  const props = { id: c.id, value: draft, disabled: p.ctx.disabled, ...aria(withHelp) };
  return (
    <FieldFrame {...withHelp} unit={p.node.unit}>
      {numeric ? (
        <input {...props} type="text" onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <textarea
          {...props}
          rows={Math.min(8, Math.max(2, draft.split('\n').length + 1))}
          spellcheck={false}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </FieldFrame>
  );
}

/** Anything the renderer has no control for: edited as text, still validated by the schema. */
export function JsonField(p: FieldProps) {
  const c = common(p);
  const [draft, setDraft] = useState(JSON.stringify(shown(p) ?? null, null, 2));
  const [syntax, setSyntax] = useState<string | null>(null);
  const errors = syntax ? [syntax, ...c.errors] : c.errors;
  const withErrors = { ...c, errors };
  return (
    <FieldFrame {...withErrors} unit={p.node.unit}>
      <textarea
        id={c.id}
        rows={3}
        value={draft}
        disabled={p.ctx.disabled}
        spellcheck={false}
        {...aria(withErrors)}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLTextAreaElement).value;
          setDraft(text);
          try {
            p.ctx.set(p.path, JSON.parse(text));
            setSyntax(null);
          } catch {
            setSyntax('not complete yet');
          }
        }}
      />
    </FieldFrame>
  );
}
