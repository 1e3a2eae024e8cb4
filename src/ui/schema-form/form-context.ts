import type { FormSchema, JsonNode } from './json-node';
import { type Path, pathKey } from './paths';

/** What every field needs from the form: schema resolution, problems, pending changes, writes. */
export interface FormContext {
  schema: FormSchema;
  problems: ReadonlyMap<string, string[]>;
  /** path → "pending until 17:00 CT: 500 → 800" */
  pending: ReadonlyMap<string, string>;
  set(path: Path, value: unknown): void;
  idPrefix: string;
  disabled: boolean;
  /** Paths another part of the page edits (e.g. monitored accounts, with account names). */
  hidden: ReadonlySet<string>;
}

export interface FieldProps {
  ctx: FormContext;
  node: JsonNode;
  path: Path;
  /** The key in the parent, for the label. */
  name: string;
  value: unknown;
  required: boolean;
}

export const fieldId = (ctx: FormContext, path: Path): string =>
  `${ctx.idPrefix}-${pathKey(path).replace(/[^A-Za-z0-9_-]/g, '_') || 'root'}`;

/** A leaf shows its own problems and those below it (list items, record keys). */
export function problemsUnder(ctx: FormContext, path: Path, leaf: boolean): string[] {
  const key = pathKey(path);
  const out: string[] = [];
  for (const [p, messages] of ctx.problems) {
    if (p === key) out.push(...messages);
    else if (leaf && p.startsWith(`${key}.`)) out.push(...messages.map((m) => `item ${p.slice(key.length + 1)}: ${m}`));
  }
  return out;
}

export function pendingUnder(ctx: FormContext, path: Path, leaf: boolean): string[] {
  const key = pathKey(path);
  const out: string[] = [];
  for (const [p, text] of ctx.pending) if (p === key || (leaf && p.startsWith(`${key}.`))) out.push(text);
  return out;
}

/** Hint text for bounds: "0 – 10000", "> 0", "≤ 1000". */
export function boundsText(n: JsonNode): string | null {
  const lo =
    n.minimum !== undefined
      ? `\u2265 ${n.minimum}`
      : n.exclusiveMinimum !== undefined
        ? `> ${n.exclusiveMinimum}`
        : null;
  const hi =
    n.maximum !== undefined
      ? `\u2264 ${n.maximum}`
      : n.exclusiveMaximum !== undefined
        ? `< ${n.exclusiveMaximum}`
        : null;
  const SAFE = 9_007_199_254_740_991;
  const parts = [lo, hi].filter((x): x is string => x !== null && !x.endsWith(String(SAFE)));
  return parts.length > 0 ? parts.join(', ') : null;
}
