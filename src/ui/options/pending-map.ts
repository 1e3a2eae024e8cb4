import type { PendingConfigView } from '../../messaging/snapshot';
import { formatChicagoTime } from '../format';
import type { FormSchema } from '../schema-form/json-node';
import { labelTrail, nodeAt } from '../schema-form/node-at';
import { valueWords } from '../schema-form/value-words';

/**
 * Pending (commitment-locked) changes → per-field notes in the page's words:
 * "Pending until 17:00 CT: $500 → $900". Without a schema (or off it), the raw values.
 */
export function pendingNotes(pending: PendingConfigView | null, now: number, schema?: FormSchema): Map<string, string> {
  const out = new Map<string, string>();
  if (pending === null) return out;
  const when = formatChicagoTime(pending.effectiveAt, now);
  for (const c of pending.changes) {
    const node = schema ? nodeAt(schema, c.path.split('.')) : null;
    const show = (v: unknown) => (node ? valueWords(node, v) : rawWords(v));
    out.set(c.path, `Pending until ${when}: ${show(c.from)} \u2192 ${show(c.to)}`);
  }
  return out;
}

const rawWords = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

/** One line per pending change under `prefix` (a rule block), named by the field: "Loss limit: $500 → $900". */
export function pendingLines(
  pending: PendingConfigView | null,
  prefix: string,
  schema: FormSchema,
): { when: number; lines: string[] } | null {
  if (pending === null) return null;
  const lines: string[] = [];
  for (const c of pending.changes) {
    if (c.path !== prefix && !c.path.startsWith(`${prefix}.`)) continue;
    const path = c.path.split('.');
    const node = nodeAt(schema, path);
    const depth = prefix.split('.').length;
    const label = labelTrail(schema, path)
      .slice(-Math.max(1, path.length - depth))
      .join(' \u203a ');
    const show = (v: unknown) => (node ? valueWords(node, v) : rawWords(v));
    lines.push(`${label}: ${show(c.from)} \u2192 ${show(c.to)}`);
  }
  return lines.length > 0 ? { when: pending.effectiveAt, lines } : null;
}
