import { realizedPnl } from '../../state/selectors';
import { type DailyRealizedLossSettings, dailyRealizedLossEntry } from '../catalog/daily-realized-loss';
import { money } from '../measures/money';
import type { Rule } from '../rule';
import { enforcement, warnIfCrossed } from './decide';
import { takeOnce } from './latches';

/**
 * `dailyRealizedLoss` (docs/rules.md): the day's realized P&L at or below −limit → flatten,
 * locked until the next reset.
 */

const ID = dailyRealizedLossEntry.id;

export const dailyRealizedLossRule: Rule<DailyRealizedLossSettings> = {
  ...dailyRealizedLossEntry,
  listensTo: ['trade', 'account', 'tick'],
  evaluate(ctx) {
    // Figures of another trading day (a worker asleep across the reset) decide nothing today.
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return [];
    const limit = ctx.settings.limit;
    const realized = money(realizedPnl(ctx.account, ctx.options));
    const figures = {
      realizedPnl: realized,
      limit,
      countFees: ctx.options.countFees,
      countCommissions: ctx.options.countCommissions ?? true,
    };
    if (realized > -limit) {
      const w = warnIfCrossed(ctx, ID, '', -realized, limit, `Realized loss ${-realized} of ${limit}`, figures);
      return w ? [w] : [];
    }
    if (!takeOnce(ctx, ID, ctx.tradingDay.key, ctx.tradingDay.nextReset)) return [];
    return [
      enforcement(
        ctx,
        ID,
        { type: 'flatten' },
        `Realized P&L ${realized} reached the daily loss limit ${limit}`,
        figures,
        {
          kind: 'lockout',
          end: { type: 'next-reset' },
          scope: { type: 'account' },
        },
      ),
    ];
  },
};
