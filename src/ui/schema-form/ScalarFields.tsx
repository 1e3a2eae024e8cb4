import { useState } from 'preact/hooks';
import { describedBy, FieldFrame } from './FieldFrame';
import { boundsText, type FieldProps, fieldId, pendingUnder, problemsUnder } from './form-context';
import { helpOf, labelOf, type NodeKind } from './json-node';

type Common = { id: string; label: string; errors: string[]; pending: string[]; help: string | undefined };

function common(p: FieldProps, leaf = true): Common {
  const id = fieldId(p.ctx, p.path);
  return {
    id,
    label: labelOf(p.node, p.name),
    errors: problemsUnder(p.ctx, p.path, leaf),
    pending: pendingUnder(p.ctx, p.path, leaf),
    help: helpOf(p.node),
  };
}

const shown = (p: FieldProps): unknown => (p.value === undefined ? p.node.default : p.value);

export function BooleanField(p: FieldProps) {
  const c = common(p);
  return (
    <FieldFrame {...c} inline unit={p.node.unit}>
      <label for={c.id}>
        <input
          id={c.id}
          type="checkbox"
          checked={shown(p) === true}
          disabled={p.ctx.disabled}
          aria-invalid={c.errors.length > 0}
          aria-describedby={describedBy(c.id, !!c.help, c.errors.length > 0)}
          onChange={(e) => p.ctx.set(p.path, (e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        {c.label}
      </label>
    </FieldFrame>
  );
}

/** Text drafts stay as typed; the parsed value (or the raw text, for zod to reject) is written. */
export function NumberField(p: FieldProps & { kind: Extract<NodeKind, { kind: 'number' }> }) {
  const c = common(p);
  const v = shown(p);
  const [draft, setDraft] = useState(v === null || v === undefined ? '' : String(v));
  const hint = boundsText(p.node);
  return (
    <FieldFrame
      {...c}
      unit={p.node.unit}
      hint={p.kind.nullable ? [hint, 'empty = not set'].filter(Boolean).join(', ') : hint}
    >
      <input
        id={c.id}
        type="text"
        inputMode="decimal"
        value={draft}
        disabled={p.ctx.disabled}
        aria-invalid={c.errors.length > 0}
        aria-describedby={describedBy(c.id, true, c.errors.length > 0)}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLInputElement).value;
          setDraft(text);
          const t = text.trim();
          if (t === '') p.ctx.set(p.path, p.kind.nullable ? null : undefined);
          else p.ctx.set(p.path, Number.isFinite(Number(t)) ? Number(t) : text);
        }}
      />
    </FieldFrame>
  );
}

export function StringField(p: FieldProps & { kind: Extract<NodeKind, { kind: 'string' }> }) {
  const c = common(p);
  const v = shown(p);
  return (
    <FieldFrame {...c} unit={p.node.unit} hint={p.node.pattern ? `pattern ${p.node.pattern}` : null}>
      <input
        id={c.id}
        type="text"
        value={typeof v === 'string' ? v : ''}
        disabled={p.ctx.disabled}
        aria-invalid={c.errors.length > 0}
        aria-describedby={describedBy(c.id, !!(c.help || p.node.pattern), c.errors.length > 0)}
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
        aria-invalid={c.errors.length > 0}
        aria-describedby={describedBy(c.id, !!c.help, c.errors.length > 0)}
        onChange={(e) => {
          const raw = (e.currentTarget as HTMLSelectElement).value;
          if (raw === NONE) p.ctx.set(p.path, null);
          else p.ctx.set(p.path, options.find((o) => String(o) === raw) ?? raw);
        }}
      >
        {(p.kind.nullable || current === NONE) && <option value={NONE}>(not set)</option>}
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * Numbers as one comma-separated line ("0.5, 0.8, 0.95"); strings one per line in a text
 * area, because a string (a URL pattern, a regex like `a{1,3}`) may itself contain commas.
 */
export function ScalarListField(p: FieldProps & { kind: Extract<NodeKind, { kind: 'scalar-list' }> }) {
  const c = common(p);
  const v = shown(p);
  const numeric = p.kind.itemType !== 'string';
  const separator = numeric ? ', ' : '\n';
  const [draft, setDraft] = useState(Array.isArray(v) ? v.map(String).join(separator) : '');
  const itemHint = numeric ? boundsText(p.kind.item) : null;
  const hint = numeric ? ['comma-separated', itemHint].filter(Boolean).join('; each ') : 'one per line';
  const onInput = (text: string) => {
    setDraft(text);
    const parts = numeric
      ? text.trim() === ''
        ? []
        : text.split(',').map((s) => s.trim())
      : text.split(/\r?\n/).filter((s) => s.trim() !== '');
    p.ctx.set(
      p.path,
      parts.map((s) => (numeric && s !== '' && Number.isFinite(Number(s)) ? Number(s) : s)),
    );
  };
  const common2 = {
    id: c.id,
    value: draft,
    disabled: p.ctx.disabled,
    'aria-invalid': c.errors.length > 0,
    'aria-describedby': describedBy(c.id, true, c.errors.length > 0),
  };
  return (
    <FieldFrame {...c} unit={p.node.unit} hint={hint}>
      {numeric ? (
        <input {...common2} type="text" onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <textarea
          {...common2}
          rows={Math.min(8, Math.max(2, draft.split('\n').length + 1))}
          spellcheck={false}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </FieldFrame>
  );
}

/** Anything the renderer has no control for: edited as JSON, still validated by the schema. */
export function JsonField(p: FieldProps) {
  const c = common(p);
  const [draft, setDraft] = useState(JSON.stringify(shown(p) ?? null, null, 2));
  const [syntax, setSyntax] = useState<string | null>(null);
  const errors = syntax ? [syntax, ...c.errors] : c.errors;
  return (
    <FieldFrame {...c} errors={errors} unit={p.node.unit} hint="JSON">
      <textarea
        id={c.id}
        rows={3}
        value={draft}
        disabled={p.ctx.disabled}
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(c.id, true, errors.length > 0)}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLTextAreaElement).value;
          setDraft(text);
          try {
            p.ctx.set(p.path, JSON.parse(text));
            setSyntax(null);
          } catch {
            setSyntax('not valid JSON yet');
          }
        }}
      />
    </FieldFrame>
  );
}
