import { realizedPnl } from '../../state/selectors';
import { type DailyRealizedLossSettings, dailyRealizedLossEntry } from '../catalog/daily-realized-loss';
import { money } from '../measures/money';
import type { ReadContext, Rule } from '../rule';
import { enforcement, warnIfCrossed } from './decide';
import { takeOnce } from './latches';

/**
 * `dailyRealizedLoss` (docs/rules.md): the day's realized P&L at or below −limit → flatten,
 * locked until the next reset.
 */

const ID = dailyRealizedLossEntry.id;

/** The trading day's realized P&L as the rule judges it (costs as counted, to the cent); null for another day's figures. */
function realizedToday(ctx: ReadContext<DailyRealizedLossSettings>): number | null {
  // Figures of another trading day (a worker asleep across the reset) decide nothing today.
  if (ctx.account.tradingDay !== ctx.tradingDay.key) return null;
  return money(realizedPnl(ctx.account, ctx.options));
}

export const dailyRealizedLossRule: Rule<DailyRealizedLossSettings> = {
  ...dailyRealizedLossEntry,
  listensTo: ['trade', 'account', 'tick'],
  meter(ctx) {
    const realized = realizedToday(ctx);
    return {
      name: 'Daily loss',
      value: realized === null ? null : Math.max(0, -realized),
      limit: ctx.settings.limit,
      unit: 'USD',
    };
  },
  evaluate(ctx) {
    const realized = realizedToday(ctx);
    if (realized === null) return [];
    const limit = ctx.settings.limit;
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
