import { z } from 'zod';
import { tickerOf } from '../../gateway/symbols';
import { symbolRoot } from './field-meta';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { andList, countOf } from './summary-words';
import { changesFor, comparisonOf, type FieldMerge, mergeSettings } from './tightness';

/**
 * `maxContractsPerInstrument` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/max-contracts-per-instrument.ts.
 */

const unknownSchema = z
  .strictObject({
    mode: z
      .enum(['unlimited', 'limit', 'block'])
      .default('unlimited')
      .meta({ label: 'Symbols not listed', options: { unlimited: 'No limit', limit: 'A limit', block: 'Blocked' } }),
    limit: z.number().int().min(0).max(1000).default(1).meta({ label: 'Their limit', unit: 'contracts' }),
  })
  .prefault({})
  .meta({ label: 'Symbols not listed' });

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    limits: z
      .record(symbolRoot, z.number().int().min(0).max(1000).meta({ label: 'Limit', unit: 'contracts' }))
      .default({})
      .meta({
        label: 'Limit per symbol',
        unit: 'contracts',
        widget: 'symbol-table',
        help: 'ES and its exchange code EP count as one symbol',
      }),
    unknown: unknownSchema,
    action: z
      .enum(['reduce', 'close'])
      .default('reduce')
      .meta({ label: 'When over', options: { reduce: 'Reduce to the limit', close: 'Close the position' } }),
  })
  .prefault({});

export type MaxContractsPerInstrumentSettings = z.infer<typeof schema>;
const ID = 'maxContractsPerInstrument';

/** The limit for a ticker, or null when unlimited. */
export function limitForTicker(s: Pick<MaxContractsPerInstrumentSettings, 'limits' | 'unknown'>, ticker: string) {
  for (const [root, limit] of Object.entries(s.limits)) if (tickerOf(root) === ticker) return limit;
  if (s.unknown.mode === 'block') return 0;
  if (s.unknown.mode === 'limit') return s.unknown.limit;
  return null;
}

function unknownLimit(u: MaxContractsPerInstrumentSettings['unknown']): number {
  return u.mode === 'block' ? 0 : u.mode === 'limit' ? u.limit : Number.POSITIVE_INFINITY;
}

/** Merge limits and `unknown` together: a root's effective limit is its entry or `unknown`. */
function mergeLimits(old: unknown, next: unknown): FieldMerge {
  const a = old as MaxContractsPerInstrumentSettings;
  const b = next as MaxContractsPerInstrumentSettings;
  const keys = new Set([...Object.keys(a.limits), ...Object.keys(b.limits)].map((k) => tickerOf(k)));
  const limits: Record<string, number> = {};
  let loosen = false;
  let changed = false;
  const ua = unknownLimit(a.unknown);
  const ub = unknownLimit(b.unknown);
  for (const t of keys) {
    const la = limitForTicker(a, t) ?? Number.POSITIVE_INFINITY;
    const lb = limitForTicker(b, t) ?? Number.POSITIVE_INFINITY;
    if (lb > la) loosen = true;
    if (lb !== la) changed = true;
    const m = Math.min(la, lb);
    if (Number.isFinite(m)) limits[t] = m;
  }
  if (ub > ua) loosen = true;
  if (ub !== ua) changed = true;
  const unknown = ub <= ua ? b.unknown : a.unknown;
  return { value: { limits, unknown }, kind: loosen ? 'loosen' : changed ? 'tighten' : 'same' };
}

const restTightness = {
  ...BLOCK_TIGHTNESS,
  action: { enum: ['reduce', 'close'] },
} as const;

/** `limits` and `unknown` are one fact for the lock (a root's limit is its entry or `unknown`). */
function merge(a: MaxContractsPerInstrumentSettings, b: MaxContractsPerInstrumentSettings, path: string) {
  const rest = mergeSettings(
    restTightness,
    { mode: a.mode, warnAt: a.warnAt, action: a.action },
    { mode: b.mode, warnAt: b.warnAt, action: b.action },
    path,
  );
  const pair = mergeLimits(a, b);
  const merged = pair.value as Pick<MaxContractsPerInstrumentSettings, 'limits' | 'unknown'>;
  const value: MaxContractsPerInstrumentSettings = { ...rest.value, ...merged };
  const from = { limits: a.limits, unknown: a.unknown };
  const to = { limits: b.limits, unknown: b.unknown };
  const pairChanges =
    pair.kind === 'same' ? [] : changesFor(`${path}.limits`, from, merged, pair.kind === 'loosen' ? to : merged);
  return { value, changes: [...rest.changes, ...pairChanges] };
}

export const maxContractsPerInstrumentEntry: RuleEntry<MaxContractsPerInstrumentSettings> = {
  id: ID,
  name: 'Max contracts per instrument',
  description:
    'A position above its symbol’s limit is reduced to it (or closed); symbols not listed follow their own setting.',
  unit: 'contracts',
  settingsSchema: schema,
  summary(s) {
    const verb = s.action === 'close' ? 'Close' : 'Reduce';
    const listed = Object.entries(s.limits).map(([root, n]) => `${root} above ${n}`);
    const others =
      s.unknown.mode === 'unlimited'
        ? 'other symbols: no limit'
        : s.unknown.mode === 'block'
          ? 'other symbols blocked'
          : `other symbols above ${countOf(s.unknown.limit, 'contract')}`;
    return listed.length === 0 ? `No symbol listed; ${others}` : `${verb} ${andList(listed)} contracts; ${others}`;
  },
  merge,
  compare: (a, b) => comparisonOf(merge(a, b, '').changes),
};
