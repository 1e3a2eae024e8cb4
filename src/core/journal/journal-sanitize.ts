/**
 * Makes a journal entry's `data` safe to store and to show: secrets redacted by key name,
 * and reduced to plain JSON-like data (functions dropped, bigints as strings, cycles and
 * very deep nesting cut), so a careless caller can neither leak a token into the journal
 * nor make an append fail with a DataCloneError and lose the entry.
 */
const SECRET_KEY = /token|api[-_]?key|password|secret|authorization|bearer|credential/i;
const MAX_DEPTH = 8;

export const REDACTED = '[redacted]';

export function sanitizeJournalData(data: Record<string, unknown>): Record<string, unknown> {
  return clean(data, 0, new WeakSet()) as Record<string, unknown>;
}

function clean(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const obj = value as object;
  if (obj instanceof Date) return obj.toISOString();
  if (seen.has(obj)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(obj);
  if (obj instanceof Error) return { name: obj.name, message: obj.message };
  if (Array.isArray(obj)) return obj.map((v) => clean(v, depth + 1, seen) ?? null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (SECRET_KEY.test(k)) {
      out[k] = REDACTED;
      continue;
    }
    const c = clean(v, depth + 1, seen);
    if (c !== undefined) out[k] = c;
  }
  seen.delete(obj);
  return out;
}
