import { type WeeklyLossSettings, weeklyLossEntry } from '../catalog/weekly-loss';
import { recordWeek, weekSoFar } from '../measures/trading-week';
import type { Rule } from '../rule';
import { judgeWeeklyLimit } from './weekly-limit';

/**
 * Weekly loss limit: the trading week's realized P&L (Sunday's 17:00 CT open to Friday's close,
 * net of fees when fees count) at or below −limit → working orders cancelled, the account
 * flattened (or its open positions left to the trader, per setting) and locked until the
 * week's end.
 */

const ID = weeklyLossEntry.id;

export const weeklyLossRule: Rule<WeeklyLossSettings> = {
  ...weeklyLossEntry,
  listensTo: ['trade', 'account', 'tick'],
  meter: (ctx) => ({
    name: 'Week’s loss',
    value: Math.max(0, -weekSoFar(ctx).realized),
    limit: ctx.settings.limit,
    unit: 'USD',
  }),
  evaluate(ctx) {
    const week = recordWeek(ctx);
    const limit = ctx.settings.limit;
    return judgeWeeklyLimit(ctx, ID, week, -week.realized, {
      figures: { weekRealizedPnl: week.realized, limit, week: week.week },
      progress: `Week’s loss ${-week.realized} of ${limit}`,
      reached: `The week’s realized P&L ${week.realized} reached the weekly loss limit ${limit}`,
    });
  },
};
