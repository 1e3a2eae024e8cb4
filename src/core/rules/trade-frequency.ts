import { z } from 'zod';
import type { Decision } from './decision';
import { executedOrders } from './order-fills';
import { enforcement, type Rule, takeOnce, warnIfCrossed } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import { countOf, orList } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `tradeFrequency` (docs/rules.md): more executed orders (fills of one order count once) than
 * allowed in the last minute / hour / trading day → a cooldown as long as that window. The day
 * window is the trading day, so its cooldown lasts until the next reset. The state holds the
 * day's trades only: the hour window does not see across the reset (a new day starts a new
 * count).
 */

const perWindow = (label: string, fallback: number | null) =>
  z
    .number()
    .int()
    .positive()
    .max(100_000)
    .nullable()
    .default(fallback)
    .meta({ label, unit: 'orders', empty: 'no limit' });

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    perMinute: perWindow('Max orders per minute', 3),
    perHour: perWindow('Max orders per hour', 20),
    perDay: perWindow('Max orders per trading day', 50),
  })
  .prefault({});

export type TradeFrequencySettings = z.infer<typeof schema>;
const ID = 'tradeFrequency';
const tightness = {
  ...BLOCK_TIGHTNESS,
  perMinute: 'higher-looser',
  perHour: 'higher-looser',
  perDay: 'higher-looser',
} as const;

const WINDOWS = [
  { key: 'perMinute', name: 'minute', ms: 60_000 },
  { key: 'perHour', name: 'hour', ms: 3_600_000 },
  { key: 'perDay', name: 'day', ms: 0 },
] as const;

export const tradeFrequencyRule: Rule<TradeFrequencySettings> = {
  id: ID,
  name: 'Trade frequency',
  description:
    'Too many executed orders in a minute, an hour or a trading day start a cooldown as long as the window that was exceeded.',
  unit: 'orders',
  settingsSchema: schema,
  summary(s) {
    const parts: string[] = [];
    if (s.perMinute !== null) parts.push(`${countOf(s.perMinute, 'order')} in a minute`);
    if (s.perHour !== null) parts.push(`${s.perHour.toLocaleString('en-US')} in an hour`);
    if (s.perDay !== null) parts.push(`${s.perDay.toLocaleString('en-US')} in a trading day`);
    return parts.length === 0 ? 'No limit set' : `Flatten and pause after more than ${orList(parts)}`;
  },
  ...fieldwise<TradeFrequencySettings>(tightness),
  listensTo: ['trade', 'tick'],
  evaluate(ctx) {
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return [];
    const orders = executedOrders(ctx.account);
    const out: Decision[] = [];
    for (const w of WINDOWS) {
      const limit = ctx.settings[w.key];
      if (limit === null) continue;
      // The state holds today's trades only, so the day window is all of them. No upper bound
      // on the others: a server clock ahead of ours must not hide a fresh fill.
      let count = orders.length;
      if (w.ms !== 0) {
        const from = ctx.now - w.ms;
        count = 0;
        for (const o of orders) if (o.firstFillAt > from) count++;
      }
      const figures = { window: w.name, orders: count, limit };
      if (count <= limit) {
        const message = `${count} of ${limit} orders this ${w.name}`;
        const wd = warnIfCrossed(ctx, ID, w.name, count, limit, message, figures, true);
        if (wd) out.push(wd);
        continue;
      }
      const end = w.ms === 0 ? ctx.tradingDay.nextReset : ctx.now + w.ms;
      if (!takeOnce(ctx, `${ID}|${w.name}`, '', end)) continue;
      out.push(
        enforcement(ctx, ID, { type: 'flatten' }, `${count} orders in the last ${w.name}, limit ${limit}`, figures, {
          kind: 'cooldown',
          end: w.ms === 0 ? { type: 'next-reset' } : { type: 'at', at: end },
          scope: { type: 'account' },
        }),
      );
    }
    return out;
  },
};
