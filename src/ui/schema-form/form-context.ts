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
  /** The id of a <datalist> of symbols (the gateway's contracts) for symbol inputs, if the page has one. */
  symbolListId?: string | undefined;
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
    else if (leaf && p.startsWith(`${key}.`))
      out.push(...messages.map((m) => `${entryName(p.slice(key.length + 1))}: ${m}`));
  }
  return out;
}

/** "0" → "entry 1"; a record key stays as it is ("NQ"); deeper parts are joined. */
function entryName(rest: string): string {
  return rest
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `entry ${Number(part) + 1}` : part))
    .join(', ');
}

export function pendingUnder(ctx: FormContext, path: Path, leaf: boolean): string[] {
  const key = pathKey(path);
  const out: string[] = [];
  for (const [p, text] of ctx.pending) if (p === key || (leaf && p.startsWith(`${key}.`))) out.push(text);
  return out;
}
