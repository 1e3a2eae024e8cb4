import { type TrailingDrawdownSettings, trailingDrawdownEntry } from '../catalog/trailing-drawdown';
import { knownBalance, money } from '../measures/money';
import { computeUnrealized } from '../measures/unrealized';
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

/** Today's end-of-day high: learned from the balances seen at each day change, never below the seed. */
function highEodToday(prev: DrawdownMemory | null | undefined, seed: number, day: string): number {
  if (!prev) return seed;
  // A new trading day: the last balance seen is the previous day's end-of-day balance.
  return prev.day !== day ? Math.max(prev.highEod, prev.lastBalance, seed) : Math.max(prev.highEod, seed);
}

/**
 * Equity's way down to the guard level: `room` left above it, and `used` of `full` (the
 * cushion between the end-of-day high, or the starting balance, and the guard), as the rule
 * warns on it and its meter shows it.
 */
function cushion(s: TrailingDrawdownSettings, highEod: number, equity: number) {
  const guard = drawdownGuardLevel(s, highEod);
  const room = equity - guard;
  const full = Math.max(highEod, s.startingBalance) - guard;
  return { guard, room, full, used: full - room };
}

export const trailingDrawdownRule: Rule<TrailingDrawdownSettings> = {
  ...trailingDrawdownEntry,
  listensTo: ['account', 'trade', 'quote', 'position', 'contract', 'tick'],
  meter(ctx) {
    const s = ctx.settings;
    const highEod = highEodToday(ctx.memory.drawdown, s.highEodSeed ?? s.startingBalance, ctx.tradingDay.key);
    const balance = knownBalance(ctx.account);
    const open = computeUnrealized(ctx.account, ctx.market, { knownTotal: 0, unknownContractId: null });
    const known = balance !== null && open.unknownContractId === null;
    const c = cushion(s, highEod, known ? balance + open.knownTotal : Number.NaN);
    return {
      name: 'Below the end-of-day high',
      value: known ? Math.max(0, c.used) : null,
      limit: c.full,
      unit: 'USD',
    };
  },
  evaluate(ctx) {
    const s = ctx.settings;
    const balance = knownBalance(ctx.account);
    if (balance === null) {
      // A fill before the account's record: judging a balance of 0 would flatten and lock for the day.
      ctx.note(ID, { balance: 'unknown' });
      return NO_DECISIONS;
    }
    const prev = ctx.memory.drawdown;
    const highEod = highEodToday(prev, s.highEodSeed ?? s.startingBalance, ctx.tradingDay.key);
    const next: DrawdownMemory =
      prev && prev.day === ctx.tradingDay.key && prev.lastBalance === balance && prev.highEod === highEod
        ? prev
        : { day: ctx.tradingDay.key, lastBalance: balance, highEod };
    if (next !== prev) ctx.write().drawdown = next;
    const summary = ctx.unrealized();
    if (summary.unknownContractId !== null) {
      ctx.note(ID, { unrealizedPnl: 'unknown', contractId: summary.unknownContractId });
      return NO_DECISIONS;
    }
    const equity = balance + summary.knownTotal;
    const { guard, room, full, used } = cushion(s, next.highEod, equity);
    const figures = { equity: money(equity), guardLevel: money(guard), highEod: next.highEod };
    if (room > 0) {
      // Warn as the cushion above the guard level is used up.
      const w = warnIfCrossed(
        ctx,
        ID,
        '',
        used,
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
