import type { Simulator } from '../../simulator/types';
import type { Journal } from '../../src/core/journal/journal';
import type { DayTraderReport } from './day-trader';
import { settleSpread, spread } from './soak-options';
import type { DaysReport } from './trading-days';

/** What the guard soak counts over its days (the limit changes are the daily-limit switch's). */
export interface GuardSoakCounts {
  /** Distinct lockouts by rule id. */
  lockouts: Map<string, number>;
  unlocks: number;
  /** Journaled rule decisions (a breach acted on) and enforcement records (converged, resumed, rolled over). */
  decisions: number;
  enforcements: number;
  errors: number;
  offLedger: number;
}

/** The guard soak's one-paragraph summary and its figures by name, as `npm run soak` prints and keeps them. */
export async function guardSoakReport(input: {
  minutes: number;
  wallStart: number;
  days: DaysReport;
  trader: DayTraderReport;
  counts: GuardSoakCounts;
  limitChanges: { changes: number; heldToReset: number };
  /** The guard's journaled errors by the start of their message. */
  errorKinds: Map<string, number>;
  tradesPerAccountDay: readonly number[];
  settleMs: readonly number[];
  journal: Pick<Journal, 'list'> & { count(): Promise<number> };
  sim: Pick<Simulator, 'rateLimits'>;
  failures: number;
}): Promise<{ summary: string; stats: Record<string, number> }> {
  const { days, trader: t, counts, limitChanges, errorKinds } = input;
  const lockouts = [...counts.lockouts].map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none';
  const summary =
    `guard soak: ${input.minutes} min (${Math.round((Date.now() - input.wallStart) / 1000)} s wall), ${days.days} trading days ` +
    `(${days.resetsLive} resets live, ${days.resetsByJump} by a jump, ${days.weekends} weekends), ${t.actions} trader actions ` +
    `(${t.lockedActions} while locked), trades per account-day ${spread(input.tradesPerAccountDay)}, ` +
    `${counts.decisions} rule decisions, ${counts.enforcements} enforcement entries, lockouts: ${lockouts}; ` +
    `${counts.unlocks} unlocks, ${limitChanges.changes} limit changes (${limitChanges.heldToReset} held to the reset), ` +
    `${counts.errors} guard errors journaled${errorKinds.size > 0 ? ` (${[...errorKinds].map(([m, n]) => `${n}× "${m}…"`).join(', ')})` : ''} ` +
    `(${await input.journal.count()} journal entries kept), ${t.drops} socket drops, ${t.lost} lost hub messages, ` +
    `${input.sim.rateLimits.rejected()} requests rate-limited, ${settleSpread(input.settleMs)}, ` +
    `${counts.offLedger} account-days off the ledger, ${input.failures} failures`;
  const stats: Record<string, number> = {
    actions: t.actions,
    lockedActions: t.lockedActions,
    unlocks: counts.unlocks,
    limitChanges: limitChanges.changes,
    heldToReset: limitChanges.heldToReset,
    decisions: counts.decisions,
    enforcements: counts.enforcements,
    errors: counts.errors,
    drops: t.drops,
    lost: t.lost,
    offLedger: counts.offLedger,
    ...Object.fromEntries([...counts.lockouts].map(([rule, n]) => [`lockouts.${rule}`, n])),
  };
  return { summary, stats };
}
