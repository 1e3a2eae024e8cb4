import { type TrailingDailyLossSettings, trailingDailyLossEntry } from '../catalog/trailing-daily-loss';
import { dayPnl, meteredDayPnl, settleDeadline } from '../measures/day-pnl';
import { money } from '../measures/money';
import type { ReadContext, Rule } from '../rule';
import { enforcement, NO_DECISIONS, warnIfCrossed } from './decide';
import { release, takeOnce } from './latches';

/**
 * Trailing daily loss limit (TopstepX's trailing Personal Daily Loss Limit): the limit trails
 * the day's highest balance including open P&L and never moves down. With the day's P&L
 * (realized net of fees + open P&L, from a settled picture: ../measures/day-pnl.ts) and its high since the
 * reset (never below 0, the day's starting balance), the rule breaches when
 *
 *   dayPnl ≤ high − limit
 *
 * and then flattens and locks until the reset, or (lock off) only flattens — again whenever
 * something is open while the day stays below the level. Unknown open P&L (no quote yet)
 * decides nothing and is noted, as is a picture still settling.
 */

const ID = trailingDailyLossEntry.id;

/** The day's high with `pnl` seen: today's high so far (never below 0, the day's start), or `pnl` above it. */
function dayHigh(ctx: ReadContext<TrailingDailyLossSettings>, pnl: number): number {
  const prev = ctx.memory.trail;
  return Math.max(prev?.day === ctx.tradingDay.key ? prev.peak : 0, pnl);
}

export const trailingDailyLossRule: Rule<TrailingDailyLossSettings> = {
  ...trailingDailyLossEntry,
  listensTo: ['trade', 'quote', 'position', 'contract', 'account', 'tick'],
  meter(ctx) {
    const pnl = meteredDayPnl(ctx);
    return {
      name: 'Below today’s high',
      value: pnl === null ? null : dayHigh(ctx, pnl) - pnl,
      limit: ctx.settings.limit,
      unit: 'USD',
    };
  },
  evaluate(ctx) {
    // Figures of another trading day (a worker asleep across the reset) decide nothing today.
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return NO_DECISIONS;
    const pnl = dayPnl(ctx);
    if (pnl.kind === 'unknown') {
      ctx.note(ID, { unrealizedPnl: 'unknown', contractId: pnl.contractId });
      return NO_DECISIONS;
    }
    if (pnl.kind === 'settling') {
      ctx.note(ID, { dayPnl: 'settling', contractId: pnl.contractId });
      return NO_DECISIONS;
    }
    const s = ctx.settings;
    const prev = ctx.memory.trail;
    const high = dayHigh(ctx, pnl.value);
    if (!prev || prev.day !== ctx.tradingDay.key || high > prev.peak) {
      ctx.write().trail = { day: ctx.tradingDay.key, peak: high };
    }
    const level = high - s.limit;
    const figures = { dayPnl: money(pnl.value), high: money(high), level: money(level), limit: s.limit };
    if (pnl.value > level) {
      if (!s.lock) release(ctx, ID);
      const used = high - pnl.value;
      const w = warnIfCrossed(
        ctx,
        ID,
        '',
        used,
        s.limit,
        `Day P&L ${money(pnl.value)} is ${money(used)} below today’s high ${money(high)} (trailing limit ${s.limit})`,
        figures,
      );
      return w ? [w] : NO_DECISIONS;
    }
    // Locked: once a day. Only flattening: again whenever something is open below the level.
    const positions = Object.keys(ctx.account.positions);
    if (!s.lock && positions.length === 0 && Object.keys(ctx.account.orders).length === 0) {
      release(ctx, ID);
      return NO_DECISIONS;
    }
    const taken = s.lock
      ? takeOnce(ctx, ID, ctx.tradingDay.key, ctx.tradingDay.nextReset)
      : takeOnce(ctx, ID, `open:${positions.sort().join(',')}`, 0);
    if (!taken) return NO_DECISIONS;
    return [
      enforcement(
        ctx,
        ID,
        { type: 'flatten' },
        `Day P&L ${money(pnl.value)} fell ${money(high - pnl.value)} below today’s high ${money(high)}: trailing daily loss limit ${s.limit}`,
        figures,
        s.lock ? { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } } : undefined,
      ),
    ];
  },
  nextDeadline: (ctx) => settleDeadline(ctx.memory),
};
