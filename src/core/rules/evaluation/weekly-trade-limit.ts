import { type WeeklyTradeLimitSettings, weeklyTradeLimitEntry } from '../catalog/weekly-trade-limit';
import { recordWeek, weekSoFar } from '../measures/trading-week';
import type { Rule } from '../rule';
import { judgeWeeklyLimit } from './weekly-limit';

/**
 * Weekly trade limit: counted as TopstepX does — every entry and every exit is a trade (an
 * executed order; the partial fills of one order count once) — from Sunday's 17:00 CT open to
 * Friday's close. Reaching the limit cancels working orders, flattens (per setting; by default
 * the open positions are left to the trader, as TopstepX does) and locks until the week's end.
 */

const ID = weeklyTradeLimitEntry.id;

export const weeklyTradeLimitRule: Rule<WeeklyTradeLimitSettings> = {
  ...weeklyTradeLimitEntry,
  listensTo: ['trade', 'account', 'tick'],
  meter: (ctx) => ({
    name: 'Trades this week',
    value: weekSoFar(ctx).trades,
    limit: ctx.settings.limit,
    unit: 'trades',
  }),
  evaluate(ctx) {
    const week = recordWeek(ctx);
    const limit = ctx.settings.limit;
    return judgeWeeklyLimit(ctx, ID, week, week.trades, {
      figures: { weekTrades: week.trades, limit, week: week.week },
      progress: `${week.trades} of ${limit} trades this week`,
      reached: `${week.trades} trades this week reached the weekly trade limit ${limit}`,
    });
  },
};
