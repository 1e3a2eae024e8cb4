import { type TrailingDrawdownSettings, trailingDrawdownEntry } from '../catalog/trailing-drawdown';
import { knownBalance, money } from '../measures/money';
import type { Rule } from '../rule';
import type { DrawdownMemory } from '../rule-memory';
import { enforcement, NO_DECISIONS, warnIfCrossed } from './decide';
import { takeOnce } from './latches';

/**
 * `trailingDrawdown` (docs/rules.md), a guard against the firm's trailing maximum loss. The
 * firm's maximum loss level trails the end-of-day HIGH balance (not intraday) by `maxLoss` and
 * stops trailing once it reaches the starting balance. The guard flattens and locks until the
 * reset when equity (balance + unrealized) falls to that level + a buffer. The end-of-day high
 * is learned from the balances seen at each day change (memory) and can be seeded from the
 * firm's dashboard.
 *
 *   level = min(max(highEod, startingBalance) − maxLoss, startingBalance);  guard = level + buffer
 */

const ID = trailingDrawdownEntry.id;

/** The guard level for a given end-of-day high. */
export function drawdownGuardLevel(s: TrailingDrawdownSettings, highEod: number): number {
  const level = Math.min(Math.max(highEod, s.startingBalance) - s.maxLoss, s.startingBalance);
  return level + s.buffer;
}

export const trailingDrawdownRule: Rule<TrailingDrawdownSettings> = {
  ...trailingDrawdownEntry,
  listensTo: ['account', 'trade', 'quote', 'position', 'contract', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    const balance = knownBalance(ctx.account);
    if (balance === null) {
      // A fill before the account's record: judging a balance of 0 would flatten and lock for the day.
      ctx.note(ID, { balance: 'unknown' });
      return NO_DECISIONS;
    }
    const seed = s.highEodSeed ?? s.startingBalance;
    const prev = ctx.memory.drawdown;
    let next: DrawdownMemory;
    if (!prev) next = { day: ctx.tradingDay.key, lastBalance: balance, highEod: seed };
    else if (prev.day !== ctx.tradingDay.key) {
      // A new trading day: the last balance seen is the previous day's end-of-day balance.
      next = { day: ctx.tradingDay.key, lastBalance: balance, highEod: Math.max(prev.highEod, prev.lastBalance, seed) };
    } else
      next =
        prev.lastBalance === balance && prev.highEod >= seed
          ? prev
          : { ...prev, lastBalance: balance, highEod: Math.max(prev.highEod, seed) };
    if (next !== prev) ctx.write().drawdown = next;
    const guard = drawdownGuardLevel(s, next.highEod);
    const summary = ctx.unrealized();
    if (summary.unknownContractId !== null) {
      ctx.note(ID, { unrealizedPnl: 'unknown', contractId: summary.unknownContractId });
      return NO_DECISIONS;
    }
    const equity = balance + summary.knownTotal;
    const room = equity - guard;
    const figures = { equity: money(equity), guardLevel: money(guard), highEod: next.highEod };
    if (room > 0) {
      // Warn as the cushion above the guard level is used up: used = 1 − room / (distance at the high).
      const full = Math.max(next.highEod, s.startingBalance) - guard;
      const w = warnIfCrossed(
        ctx,
        ID,
        '',
        full - room,
        full,
        `Equity ${money(equity)} is ${money(room)} above the drawdown guard`,
        figures,
      );
      return w ? [w] : NO_DECISIONS;
    }
    if (!takeOnce(ctx, ID, ctx.tradingDay.key, ctx.tradingDay.nextReset)) return NO_DECISIONS;
    return [
      enforcement(
        ctx,
        ID,
        { type: 'flatten' },
        `Equity ${money(equity)} reached the drawdown guard ${money(guard)}`,
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
