import { realizedPnl } from '../../state/selectors';
import { type DailyNetLossSettings, dailyNetLossEntry } from '../catalog/daily-net-loss';
import { dayPnl, meteredDayPnl, settleDeadline } from '../measures/day-pnl';
import { money } from '../measures/money';
import type { Rule } from '../rule';
import { enforcement, NO_DECISIONS, warnIfCrossed } from './decide';
import { takeOnce } from './latches';

/**
 * `dailyNetLoss` (docs/rules.md), a guard against the firm's own daily limit: realized (net of
 * fees) + unrealized at or below −(the firm's daily loss limit − a buffer) → flatten, locked
 * until the next reset. Stops the trader before the firm's own limit does. With an unknown
 * unrealized P&L and positions open it decides nothing (and notes it); with no positions open,
 * realized alone is the figure. It judges a settled picture only (../measures/day-pnl.ts).
 */

const ID = dailyNetLossEntry.id;

export const dailyNetLossRule: Rule<DailyNetLossSettings> = {
  ...dailyNetLossEntry,
  listensTo: ['trade', 'quote', 'position', 'contract', 'tick'],
  meter(ctx) {
    const net = meteredDayPnl(ctx);
    return {
      name: 'Net loss today',
      value: net === null ? null : Math.max(0, -net),
      limit: ctx.settings.firmLimit - ctx.settings.buffer,
      unit: 'USD',
    };
  },
  evaluate(ctx) {
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return NO_DECISIONS;
    const limit = ctx.settings.firmLimit - ctx.settings.buffer;
    // From a settled picture: a close whose trade and position update arrive apart is not a dip.
    const day = dayPnl(ctx);
    if (day.kind === 'unknown') {
      ctx.note(ID, { unrealizedPnl: 'unknown', contractId: day.contractId });
      return NO_DECISIONS;
    }
    if (day.kind === 'settling') {
      ctx.note(ID, { netPnl: 'settling', contractId: day.contractId });
      return NO_DECISIONS;
    }
    const realized = realizedPnl(ctx.account);
    const net = day.value;
    if (net > -limit) {
      const w = warnIfCrossed(ctx, ID, '', -net, limit, `Net loss ${money(-net)} of ${limit}`, {
        netPnl: money(net),
        limit,
      });
      return w ? [w] : NO_DECISIONS;
    }
    if (!takeOnce(ctx, ID, ctx.tradingDay.key, ctx.tradingDay.nextReset)) return NO_DECISIONS;
    return [
      enforcement(
        ctx,
        ID,
        { type: 'flatten' },
        `Net P&L ${money(net)} reached the guard level −${limit} (firm limit ${ctx.settings.firmLimit} − buffer ${ctx.settings.buffer})`,
        { netPnl: money(net), realizedPnl: money(realized), unrealizedPnl: money(net - realized), limit },
        { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
      ),
    ];
  },
  nextDeadline: (ctx) => settleDeadline(ctx.memory),
};
