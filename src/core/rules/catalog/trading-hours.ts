import { z } from 'zod';
import { hoursWithin } from '../wall-clock/trading-window';
import { isValidTimeZone } from '../wall-clock/zoned-time';
import { calendarDate, symbolRoot, timeOfDay } from './field-meta';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { andList, countOf, weekdayWords, zoneWords } from './summary-words';
import { type FieldMerge, fieldwise } from './tightness';

/**
 * `tradingHours` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/trading-hours.ts.
 */

const hoursSchema = z.strictObject({
  start: timeOfDay.meta({ label: 'From' }),
  end: timeOfDay.meta({ label: 'Until' }),
});

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: unusedWarnAt,
    timeZone: z
      .string()
      .refine(isValidTimeZone, 'pick a time zone from the list')
      .default('America/Chicago')
      .meta({ label: 'Time zone', widget: 'timezone' }),
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).default([1, 2, 3, 4, 5]).meta({
      label: 'Trading days',
      widget: 'weekdays',
      help: 'A window past midnight belongs to the day it opens',
    }),
    start: timeOfDay.default('08:30').meta({ label: 'From' }),
    end: timeOfDay.default('15:10').meta({ label: 'Until' }),
    holidays: z
      .array(calendarDate)
      .max(100)
      .default([])
      .meta({ label: 'Holidays', widget: 'dates', help: 'No trading on these dates' }),
    symbolOverrides: z
      .record(symbolRoot, hoursSchema)
      .default({})
      .meta({ label: 'Own hours for a symbol', widget: 'symbol-table', help: 'Same days and time zone' }),
  })
  .prefault({});

export type TradingHoursSettings = z.infer<typeof schema>;
export type Hours = z.infer<typeof hoursSchema>;
const ID = 'tradingHours';

/** The narrower applies now, anything wider waits; equal hours lie within each other and stay. */
function mergeHours(a: Hours, b: Hours): FieldMerge {
  return hoursWithin(b, a) ? { value: b, kind: 'tighten' } : { value: a, kind: 'loosen' };
}

/** start–end as one fact: a narrower window applies now, anything wider waits. */
function mergeMainHours(old: unknown, next: unknown): FieldMerge {
  return mergeHours(old as Hours, next as Hours);
}

function mergeOverrides(old: unknown, next: unknown): FieldMerge {
  const a = old as Record<string, Hours>;
  const b = next as Record<string, Hours>;
  const value: Record<string, Hours> = {};
  let loosen = false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const ha = a[key];
    const hb = b[key];
    // An added or removed override is compared against … nothing known here: the main
    // hours may change in the same edit, so adding one tightens only when it is a subset of
    // the old override; additions and removals otherwise wait.
    if (ha && hb) {
      const m = mergeHours(ha, hb);
      if (m.kind === 'loosen') loosen = true;
      value[key] = m.value as Hours;
    } else if (ha) {
      loosen = true;
      value[key] = ha;
    } else if (hb) {
      loosen = true;
    }
  }
  return { value, kind: loosen ? 'loosen' : 'tighten' };
}

type Flat = Omit<TradingHoursSettings, 'start' | 'end'> & { hours: Hours };

const rest = fieldwise<Flat>({
  ...BLOCK_TIGHTNESS,
  timeZone: 'any-change-loosens',
  weekdays: 'fewer-tighter',
  holidays: 'more-tighter',
  hours: { merge: mergeMainHours },
  symbolOverrides: { merge: mergeOverrides },
} as const);

const flat = (s: TradingHoursSettings): Flat => {
  const { start, end, ...others } = s;
  return { ...others, hours: { start, end } };
};
const unflat = (f: Flat): TradingHoursSettings => {
  const { hours, ...others } = f;
  return { ...others, start: hours.start, end: hours.end };
};

export const tradingHoursEntry: RuleEntry<TradingHoursSettings> = {
  id: ID,
  name: 'Trading hours',
  description:
    'Outside the allowed hours orders are cancelled and positions closed; at the window’s end the account is flattened and locked until it opens again.',
  settingsSchema: schema,
  summary(s) {
    const own = Object.entries(s.symbolOverrides).map(([root, h]) => `${root} ${h.start}–${h.end}`);
    const holidays = s.holidays.length === 0 ? '' : `, not on ${countOf(s.holidays.length, 'holiday')}`;
    return `Trade ${weekdayWords(s.weekdays)} ${s.start}–${s.end} ${zoneWords(s.timeZone)} only${holidays}${own.length > 0 ? ` (${andList(own)})` : ''}; flatten and lock outside`;
  },
  merge(a, b, path) {
    const m = rest.merge(flat(a), flat(b), path);
    const changes = m.changes.map((c) => (c.path === `${path}.hours` ? { ...c, path: `${path}.start` } : c));
    return { value: unflat(m.value), changes };
  },
  compare: (a, b) => rest.compare(flat(a), flat(b)),
};
