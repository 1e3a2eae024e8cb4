/**
 * How settings compare for the commitment lock: each field declares which direction is
 * tighter, so a proposed change can be split field by field into the part that applies at
 * once (tightening) and the part that waits for the next reset (loosening).
 *
 * merge(old, next) → { value, kind }: `value` is what may apply now (the tighter of the two
 * in every respect the order knows), `kind` says whether `next` loosens anything.
 */

export type Comparison = 'tighten' | 'loosen' | 'same';

export interface FieldMerge {
  value: unknown;
  kind: Comparison;
}

export type FieldOrder =
  /** Applies at once either way (labels, warning levels, sounds). */
  | 'neutral'
  /** Numbers where more is looser (limits, grace). `null` = no limit = loosest. */
  | 'higher-looser'
  /** Numbers where less is looser (cooldown minutes). `null` = none = loosest. */
  | 'lower-looser'
  /** Booleans where `true` is tighter (count fees, fail closed, lock after breach). */
  | 'true-tighter'
  /** Lists where each entry restricts (blocked roots, holidays): removing one loosens. */
  | 'more-tighter'
  /** Lists where each entry permits (allowed weekdays): adding one loosens. */
  | 'fewer-tighter'
  /** Too intricate to order (a time zone): every change waits for the reset. */
  | 'any-change-loosens'
  /** Loosest first. */
  | { enum: readonly string[] }
  | { merge: (old: unknown, next: unknown) => FieldMerge };

export type TightnessSpec<S> = { readonly [K in keyof S]-?: FieldOrder };

export interface SettingChange {
  path: string;
  from: unknown;
  to: unknown;
  /** 'tighten' applies at once (neutral changes too); 'loosen' waits for the next reset. */
  kind: 'tighten' | 'loosen';
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function asLimit(v: unknown, missing: number): number {
  return typeof v === 'number' ? v : missing;
}

function mergeList(old: unknown, next: unknown, moreIsTighter: boolean): FieldMerge {
  const a = Array.isArray(old) ? old : [];
  const b = Array.isArray(next) ? next : [];
  const inA = new Set(a.map((x) => JSON.stringify(x)));
  const inB = new Set(b.map((x) => JSON.stringify(x)));
  const added = b.filter((x) => !inA.has(JSON.stringify(x)));
  const removed = a.filter((x) => !inB.has(JSON.stringify(x)));
  if (moreIsTighter) {
    // Additions apply now, removals wait: union.
    return { value: [...a, ...added], kind: removed.length > 0 ? 'loosen' : added.length > 0 ? 'tighten' : 'same' };
  }
  // Removals apply now, additions wait: intersection.
  return {
    value: a.filter((x) => inB.has(JSON.stringify(x))),
    kind: added.length > 0 ? 'loosen' : removed.length > 0 ? 'tighten' : 'same',
  };
}

export function mergeField(order: FieldOrder, old: unknown, next: unknown): FieldMerge {
  if (sameValue(old, next)) return { value: old, kind: 'same' };
  if (typeof order === 'object') {
    if ('merge' in order) return order.merge(old, next);
    const ia = order.enum.indexOf(String(old));
    const ib = order.enum.indexOf(String(next));
    return ib >= ia ? { value: next, kind: 'tighten' } : { value: old, kind: 'loosen' };
  }
  switch (order) {
    case 'neutral':
      return { value: next, kind: 'tighten' };
    case 'higher-looser': {
      const a = asLimit(old, Number.POSITIVE_INFINITY);
      const b = asLimit(next, Number.POSITIVE_INFINITY);
      return b <= a ? { value: next, kind: 'tighten' } : { value: old, kind: 'loosen' };
    }
    case 'lower-looser': {
      const a = asLimit(old, Number.NEGATIVE_INFINITY);
      const b = asLimit(next, Number.NEGATIVE_INFINITY);
      return b >= a ? { value: next, kind: 'tighten' } : { value: old, kind: 'loosen' };
    }
    case 'true-tighter':
      return next === true ? { value: next, kind: 'tighten' } : { value: old, kind: 'loosen' };
    case 'more-tighter':
      return mergeList(old, next, true);
    case 'fewer-tighter':
      return mergeList(old, next, false);
    case 'any-change-loosens':
      return { value: old, kind: 'loosen' };
  }
}

/**
 * Field-by-field merge of two settings objects. `value` is what applies now; `changes`
 * lists what applies now ('tighten') and what waits ('loosen'), with paths under `path`.
 */
export function mergeSettings<S extends object>(
  spec: TightnessSpec<S>,
  old: S,
  next: S,
  path: string,
): { value: S; changes: SettingChange[] } {
  const value = { ...next } as Record<string, unknown>;
  const changes: SettingChange[] = [];
  const o = old as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  for (const key of Object.keys(spec) as (keyof S & string)[]) {
    const order = spec[key] as FieldOrder;
    const m = mergeField(order, o[key], n[key]);
    value[key] = m.value;
    changes.push(...changesFor(`${path}.${key}`, o[key], m.value, n[key]));
  }
  return { value: value as S, changes };
}

/** The changes a field-level merge implies: old → merged applies now, merged → next waits. */
export function changesFor(path: string, old: unknown, merged: unknown, next: unknown): SettingChange[] {
  const out: SettingChange[] = [];
  if (!sameValue(merged, old)) out.push({ path, from: old, to: merged, kind: 'tighten' });
  if (!sameValue(merged, next)) out.push({ path, from: merged, to: next, kind: 'loosen' });
  return out;
}

export function comparisonOf(changes: readonly SettingChange[]): Comparison {
  if (changes.some((c) => c.kind === 'loosen')) return 'loosen';
  return changes.length > 0 ? 'tighten' : 'same';
}

/** merge and compare of a rule whose fields each have an order. */
export function fieldwise<S extends object>(spec: TightnessSpec<S>) {
  return {
    merge: (old: S, next: S, path: string) => mergeSettings(spec, old, next, path),
    compare: (old: S, next: S) => comparisonOf(mergeSettings(spec, old, next, '').changes),
  };
}
