import { type TradeFrequencySettings, tradeFrequencyEntry } from '../catalog/trade-frequency';
import type { Decision } from '../decision';
import { executedOrders } from '../measures/order-fills';
import type { ReadContext, Rule } from '../rule';
import { enforcement, warnIfCrossed } from './decide';
import { takeOnce } from './latches';

/**
 * `tradeFrequency` (docs/rules.md): more executed orders (fills of one order count once) than
 * allowed in the last minute / hour / trading day → a cooldown as long as that window. The day
 * window is the trading day, so its cooldown lasts until the next reset. The state holds the
 * day's trades only: the hour window does not see across the reset (a new day starts a new
 * count).
 */

const ID = tradeFrequencyEntry.id;

const WINDOWS = [
  { key: 'perMinute', name: 'minute', ms: 60_000, meter: 'Orders in the last minute' },
  { key: 'perHour', name: 'hour', ms: 3_600_000, meter: 'Orders in the last hour' },
  { key: 'perDay', name: 'day', ms: 0, meter: 'Orders today' },
] as const;

interface WindowCount {
  window: (typeof WINDOWS)[number];
  limit: number;
  /** null: the account's figures are another trading day's (a worker asleep across the reset); nothing is judged on them. */
  count: number | null;
}

/** Executed orders in each window that has a limit, counted as the rule judges them. */
function windowCounts(ctx: ReadContext<TradeFrequencySettings>): WindowCount[] {
  const orders = ctx.account.tradingDay === ctx.tradingDay.key ? executedOrders(ctx.account) : null;
  const out: WindowCount[] = [];
  for (const w of WINDOWS) {
    const limit = ctx.settings[w.key];
    if (limit === null) continue;
    // The state holds today's trades only, so the day window is all of them. No upper bound
    // on the others: a server clock ahead of ours must not hide a fresh fill.
    let count = orders === null ? null : orders.length;
    if (orders !== null && w.ms !== 0) {
      const from = ctx.now - w.ms;
      count = 0;
      for (const o of orders) if (o.firstFillAt > from) count++;
    }
    out.push({ window: w, limit, count });
  }
  return out;
}

export const tradeFrequencyRule: Rule<TradeFrequencySettings> = {
  ...tradeFrequencyEntry,
  listensTo: ['trade', 'tick'],
  /** The window nearest its limit; the longer one on a tie, so a quiet account shows today's count. */
  meter(ctx) {
    let shown: WindowCount | undefined;
    for (const c of windowCounts(ctx)) {
      if (!shown || (c.count ?? 0) * shown.limit >= (shown.count ?? 0) * c.limit) shown = c;
    }
    if (!shown) return null;
    return { name: shown.window.meter, value: shown.count, limit: shown.limit, unit: 'orders', moreThan: true };
  },
  evaluate(ctx) {
    const out: Decision[] = [];
    for (const { window: w, count, limit } of windowCounts(ctx)) {
      if (count === null) continue;
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
