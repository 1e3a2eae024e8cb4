import { z } from 'zod';
import { tickerOf } from '../gateway/symbols';
import type { Decision } from './decision';
import { calendarDate, symbolRoot, timeOfDay } from './field-meta';
import { enforcement, isTaken, type Rule, type RuleContext, release, takeOnce } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import { andList, countOf, weekdayWords, zoneWords } from './summary-words';
import { type FieldMerge, fieldwise, sameValue } from './tightness';
import { cachedNextWindowChange, hoursWithin, isWindowOpen, type WindowSpec } from './trading-window';
import { isValidTimeZone } from './zoned-time';

/**
 * `tradingHours` (docs/rules.md): trading only inside the allowed window. A fill or working
 * order outside it is closed / cancelled; when the window ends the account is flattened and
 * locked until the next window opens. Per-symbol overrides give a root its own start–end (same
 * weekdays, holidays and zone). With an override window still open at the account window's end,
 * only what is outside its own window is closed (a whole-account lockout would close the rest).
 *
 *   open ──window ends──▶ closed(latched: flatten + lockout until next open) ──opens──▶ open
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
type Hours = z.infer<typeof hoursSchema>;
const ID = 'tradingHours';

function mergeHours(a: Hours, b: Hours): FieldMerge {
  if (sameValue(a, b)) return { value: a, kind: 'same' };
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

function windowFor(s: TradingHoursSettings, ticker: string | null): WindowSpec {
  let hours: Hours = { start: s.start, end: s.end };
  if (ticker !== null) {
    for (const [root, h] of Object.entries(s.symbolOverrides)) if (tickerOf(root) === ticker) hours = h;
  }
  return { timeZone: s.timeZone, weekdays: s.weekdays, holidays: s.holidays, ...hours };
}

function hasOverride(s: TradingHoursSettings, ticker: string): boolean {
  return Object.keys(s.symbolOverrides).some((r) => tickerOf(r) === ticker);
}

function outsideItems(ctx: RuleContext<TradingHoursSettings>) {
  const positions: string[] = [];
  const orders: number[] = [];
  const cache = new Map<string, boolean>();
  const open = (contractId: string) => {
    const t = tickerOf(contractId);
    let v = cache.get(t);
    if (v === undefined) {
      v = isWindowOpen(ctx.now, windowFor(ctx.settings, t));
      cache.set(t, v);
    }
    return v;
  };
  for (const p of Object.values(ctx.account.positions)) if (!open(p.contractId)) positions.push(p.contractId);
  for (const o of Object.values(ctx.account.orders)) if (!open(o.contractId)) orders.push(o.id);
  return { positions, orders };
}

export const tradingHoursRule: Rule<TradingHoursSettings> = {
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
  listensTo: ['position', 'order', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    const main = windowFor(s, null);
    const openNow = isWindowOpen(ctx.now, main);
    const wasOpen = ctx.memory.windowOpen[''];
    if (wasOpen !== openNow) ctx.write().windowOpen[''] = openNow;
    const out: Decision[] = [];
    if (openNow) release(ctx, `${ID}|closed`);
    const { positions, orders } = outsideItems(ctx);
    if (!openNow && !isTaken(ctx, `${ID}|closed`)) {
      const nextOpen = cachedNextWindowChange(ctx.now, main, s);
      const sig = String(nextOpen ?? 'never');
      const overrideOpen = Object.keys(s.symbolOverrides).some((r) => isWindowOpen(ctx.now, windowFor(s, tickerOf(r))));
      if (!overrideOpen && takeOnce(ctx, `${ID}|closed`, sig, nextOpen ?? 0)) {
        // The window's end (or the first look outside it): one flatten, not one per item.
        for (const c of positions) takeOnce(ctx, `${ID}|pos|${c}`, 'x', nextOpen ?? 0);
        for (const o of orders) takeOnce(ctx, `${ID}|ord|${o}`, 'x', nextOpen ?? 0);
        out.push(
          enforcement(
            ctx,
            ID,
            positions.length + orders.length > 0 ? { type: 'flatten' } : { type: 'none' },
            'Outside the allowed trading hours',
            { start: s.start, end: s.end, timeZone: s.timeZone, nextOpen: nextOpen ?? null },
            {
              kind: 'lockout',
              end: nextOpen === null ? { type: 'next-window' } : { type: 'next-window', at: nextOpen },
              scope: { type: 'account' },
            },
          ),
        );
        return out;
      }
    }
    for (const c of positions) {
      if (!takeOnce(ctx, `${ID}|pos|${c}`, 'x', ctx.now + 60_000)) continue;
      const ticker = tickerOf(c);
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'close-position', contractId: c },
          `${ticker} position outside its trading hours`,
          {
            contractId: c,
            override: hasOverride(s, ticker),
          },
        ),
      );
    }
    for (const id of orders) {
      if (!takeOnce(ctx, `${ID}|ord|${id}`, 'x', ctx.now + 60_000)) continue;
      out.push(
        enforcement(ctx, ID, { type: 'cancel-order', orderId: id }, 'Working order outside trading hours', {
          orderId: id,
        }),
      );
    }
    return out;
  },
  nextDeadline(ctx) {
    const s = ctx.settings;
    let next = cachedNextWindowChange(ctx.now, windowFor(s, null), s);
    for (const [root, hours] of Object.entries(s.symbolOverrides)) {
      const n = cachedNextWindowChange(ctx.now, windowFor(s, tickerOf(root)), hours);
      if (n !== null && (next === null || n < next)) next = n;
    }
    return next;
  },
};
