import { type CooldownAfterLossSettings, cooldownAfterLossEntry, tierMinutes } from '../catalog/cooldown-after-loss';
import type { Decision } from '../decision';
import { money } from '../measures/money';
import { executedOrders, orderResult } from '../measures/order-fills';
import type { Rule } from '../rule';
import { enforcement } from './decide';
import { takeOnce } from './latches';

/**
 * `cooldownAfterLoss` (docs/rules.md): one closed ORDER's loss (its closing fills summed, net
 * of fees when counted) at or past a tier's amount → cooldown for that tier's minutes from the
 * loss's own time; the largest matching tier wins. Option: N losing orders in a row → cooldown
 * from the last of them. Partial fills can push an order into a larger tier later: the cooldown
 * is then taken again for the larger tier.
 */

const ID = cooldownAfterLossEntry.id;

export const cooldownAfterLossRule: Rule<CooldownAfterLossSettings> = {
  ...cooldownAfterLossEntry,
  listensTo: ['trade', 'tick'],
  evaluate(ctx) {
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return [];
    const s = ctx.settings;
    const costs = ctx.options;
    const out: Decision[] = [];
    // Level, not edge: every cooldown the day's closed orders earn, each running from the
    // loss's own time (its last closing fill). One found late (a sleeping worker, a
    // reconciliation) runs only for what is left of it; one already over starts nothing.
    const orders = executedOrders(ctx.account).filter((o) => o.closed);
    orders.sort((x, y) => x.lastFillAt - y.lastFillAt || x.orderId - y.orderId);
    const cooldown = (end: number) => ({
      kind: 'cooldown' as const,
      end: { type: 'at' as const, at: end },
      scope: { type: 'account' as const },
    });
    let streak = 0;
    for (const o of orders) {
      const loss = -orderResult(o, costs);
      const minutes = tierMinutes(s.tiers, loss);
      const end = o.lastFillAt + minutes * 60_000;
      // The sig is the tier: later fills pushing the order into a larger tier take it again.
      if (minutes > 0 && end > ctx.now && takeOnce(ctx, `${ID}|order|${o.orderId}`, String(minutes), end)) {
        out.push(
          enforcement(
            ctx,
            ID,
            { type: 'flatten' },
            `Order ${o.orderId} lost ${money(loss)}: ${minutes} min cooldown`,
            { orderId: o.orderId, loss: money(loss), minutes, lossAt: o.lastFillAt },
            cooldown(end),
          ),
        );
      }
      if (s.streak.count === null) continue;
      // Counted from the day's orders alone: a streak that started a cooldown counts from scratch after it.
      streak = loss > 0 ? streak + 1 : 0;
      if (streak < s.streak.count) continue;
      const streakLength = streak;
      streak = 0;
      const streakEnd = o.lastFillAt + s.streak.minutes * 60_000;
      if (streakEnd <= ctx.now || !takeOnce(ctx, `${ID}|streak|${o.orderId}`, String(streakEnd), streakEnd)) continue;
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'flatten' },
          `${streakLength} losing orders in a row: ${s.streak.minutes} min cooldown`,
          { losingOrdersInARow: streakLength, minutes: s.streak.minutes, lossAt: o.lastFillAt },
          cooldown(streakEnd),
        ),
      );
    }
    return out;
  },
};
