import { type TradeFrequencySettings, tradeFrequencyEntry } from '../catalog/trade-frequency';
import type { Decision } from '../decision';
import { executedOrders } from '../measures/order-fills';
import type { Rule } from '../rule';
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
  { key: 'perMinute', name: 'minute', ms: 60_000 },
  { key: 'perHour', name: 'hour', ms: 3_600_000 },
  { key: 'perDay', name: 'day', ms: 0 },
] as const;

export const tradeFrequencyRule: Rule<TradeFrequencySettings> = {
  ...tradeFrequencyEntry,
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
