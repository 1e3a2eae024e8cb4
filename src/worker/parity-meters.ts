import type { GuardView } from '../core/guard/guard';
import { effectiveRules } from '../core/rules/config/config-schema';
import { weekFiguresOf } from '../core/rules/measures/trading-week';
import type { AccountState } from '../core/state/account-state';
import { realizedPnl } from '../core/state/selectors';
import type { Meter } from '../messaging/snapshot';

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * Meters of the rules that match TopstepX's own settings: the trailing daily loss (how far the
 * day's P&L is below today's high), the week's realized loss and the week's trades. Rules that
 * are off have none; an unknown open P&L makes the trailing meter unknown, never 0.
 */
export function parityMeters(view: GuardView, account: AccountState, unrealized: number | null): Meter[] {
  const id = account.account.id;
  const rules = effectiveRules(view.config, id);
  const memory = view.ruleMemory(id);
  const day = view.tradingDay.key;
  const out: Meter[] = [];
  const td = rules.trailingDailyLoss;
  if (td.mode !== 'off') {
    // As the rule counts it: realized net of fees + open P&L, against today's high (never below 0).
    const dayPnl = unrealized === null ? null : realizedPnl(account) + unrealized;
    const peak = memory?.trail?.day === day ? memory.trail.peak : 0;
    out.push({
      ruleId: 'trailingDailyLoss',
      name: 'Below today’s high',
      value: dayPnl === null ? null : cents(Math.max(0, Math.max(peak, dayPnl) - dayPnl)),
      limit: td.limit,
      unit: 'USD',
      warnAt: td.warnAt,
      mode: td.mode,
    });
  }
  const wl = rules.weeklyLoss;
  const wt = rules.weeklyTradeLimit;
  if (wl.mode === 'off' && wt.mode === 'off') return out;
  const week = weekFiguresOf(memory?.week, account, day, view.config);
  if (wl.mode !== 'off')
    out.push({
      ruleId: 'weeklyLoss',
      name: 'Week’s loss',
      value: Math.max(0, -week.realized),
      limit: wl.limit,
      unit: 'USD',
      warnAt: wl.warnAt,
      mode: wl.mode,
    });
  if (wt.mode !== 'off')
    out.push({
      ruleId: 'weeklyTradeLimit',
      name: 'Trades this week',
      value: week.trades,
      limit: wt.limit,
      unit: 'trades',
      warnAt: wt.warnAt,
      mode: wt.mode,
    });
  return out;
}
