import type { Simulator } from '../../simulator/types';
import type { Guard } from '../../src/core/guard/guard';
import type { Journal, JournalEntry } from '../../src/core/journal/journal';
import { type DaySpan, dayTrades, realizedPath } from './day-ledger';

/**
 * What the guard soak asks of every trading day, beyond "the picture equals the ledger":
 *
 * - Level, not edge: an account whose day ended at or past the daily loss limit (realized,
 *   net of the costs the config counts) was locked that day, is locked to the reset or
 *   later, and is flat.
 * - No false lockout: a daily-loss lockout only on a day whose realized P&L (in fill order)
 *   did reach a limit that was in force that day.
 * - Never twice: no close asked for more than was open, no guard order tag used twice.
 * - Unlocks: after a reset (live or caught up after a jump) the guard is in the new trading
 *   day, holds no lockout past its end, and has promoted the pending config.
 *
 * Each check returns failure messages (empty when it holds).
 */
export const DAILY_LOSS = 'dailyRealizedLoss';

/**
 * Journal entries for a failure message: when (UTC) and what the guard wrote, with what set off
 * the decision behind each (its trigger: a trade, a reconcile, a tick) when `decisions` has it.
 */
export function describeEntries(entries: readonly JournalEntry[], decisions: readonly JournalEntry[] = []): string {
  return entries
    .map((e) => {
      const d = decisions.find((x) => x.at === e.at && x.accountId === e.accountId && x.ruleId === e.ruleId);
      const trigger = d?.data?.trigger === undefined ? '' : ` (trigger: ${String(d.data.trigger)})`;
      return `[${new Date(e.at).toISOString()} ${e.message}${trigger}]`;
    })
    .join(' ');
}

export async function lockoutsOf(journal: Journal, day: DaySpan, kinds: JournalEntry['kind'][] = ['lockout']) {
  return journal.list({ kinds, from: day.start, to: day.end - 1 });
}

/**
 * One entry per lockout: the journal writes one each time a rule takes a lockout, also when it
 * is already held ("kept", "extended": the same lockout id), e.g. when a tightened limit judges
 * the day afresh.
 */
export function distinctLockouts(entries: readonly JournalEntry[]): JournalEntry[] {
  const seen = new Set<unknown>();
  return entries.filter((e) => {
    const id = e.data?.id ?? `seq ${e.seq}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function checkDailyLoss(options: {
  sim: Simulator;
  guard: Guard;
  accountId: number;
  day: DaySpan & { tradingDay: string };
  sinceSeq: number;
  /** The limit in force at the day's end, and the lowest in force at any time of the day. */
  limitNow: number;
  lowestLimit: number;
  lockouts: readonly JournalEntry[];
  /** The day's decision entries (for what set each lockout off). */
  decisions?: readonly JournalEntry[];
}): string[] {
  const { sim, guard, accountId, day } = options;
  const failures: string[] = [];
  const path = realizedPath(dayTrades(sim, accountId, day, options.sinceSeq), guard.view().config);
  const locked = distinctLockouts(options.lockouts.filter((e) => e.accountId === accountId && e.ruleId === DAILY_LOSS));
  if (path.last <= -options.limitNow) {
    if (locked.length === 0) {
      failures.push(
        `${day.tradingDay}: account ${accountId} ended the day at ${path.last} realized (limit ${options.limitNow}) without a daily-loss lockout`,
      );
    }
    const held = guard
      .view()
      .lockouts.some(
        (l) => l.accountId === accountId && l.scope.type === 'account' && l.end.type === 'at' && l.end.at >= day.end,
      );
    if (!held) failures.push(`${day.tradingDay}: account ${accountId} is past its daily loss limit but not locked`);
    const truth = sim.ledger.truth(accountId);
    if (truth.positions.length > 0 || truth.openOrders.length > 0) {
      failures.push(
        `${day.tradingDay}: account ${accountId} locked for its daily loss but not flat at the close ` +
          `(${truth.positions.map((p) => `${p.contractId} ${p.size}`).join(', ')}; ${truth.openOrders.length} working orders)`,
      );
    }
  }
  if (locked.length > 0 && path.lowest > -options.lowestLimit) {
    failures.push(
      `${day.tradingDay}: account ${accountId} locked for its daily loss, but its realized P&L never went below ${path.lowest} (limit ${options.lowestLimit}): ${describeEntries(locked, options.decisions)}`,
    );
  }
  if (locked.length > 1) {
    failures.push(
      `${day.tradingDay}: account ${accountId} took ${locked.length} daily-loss lockouts in one day: ${describeEntries(locked, options.decisions)}`,
    );
  }
  return failures;
}

/** Close requests past the open size, and guard order tags used twice, among the entries since `sinceSeq`. */
export function checkNeverTwice(sim: Simulator, sinceSeq: number, label: string): string[] {
  const failures: string[] = [];
  for (const e of sim.ledger.entries({ type: 'close-request', sinceSeq })) {
    if (e.type === 'close-request' && typeof e.requestedSize === 'number' && e.requestedSize > e.openSizeBefore) {
      failures.push(
        `${label}: over-close on ${e.accountId} ${e.contractId}: ${e.requestedSize} of ${e.openSizeBefore}`,
      );
    }
  }
  const tags = new Set<string>();
  for (const e of sim.ledger.entries({ type: 'order', sinceSeq })) {
    if (e.type !== 'order' || e.via !== 'api' || typeof e.order.customTag !== 'string') continue;
    const key = `${e.accountId}|${e.order.customTag}`;
    if (tags.has(key)) continue;
    tags.add(key);
    const orders = sim.ledger.ordersWithTag(e.accountId, e.order.customTag);
    if (orders.length > 1) {
      failures.push(`${label}: tag ${e.order.customTag} placed ${orders.length} orders on ${e.accountId}`);
    }
  }
  return failures;
}

/** Lockouts (or cooldowns) still held although their end has passed by more than `graceMs`. */
export function checkNoneOverdue(guard: Guard, now: number, graceMs: number, label: string): string[] {
  return guard
    .view()
    .lockouts.filter((l) => l.end.type === 'at' && l.end.at < now - graceMs)
    .map(
      (l) =>
        `${label}: ${l.kind} of ${l.accountId} by ${l.ruleId} held ${Math.round((now - (l.end.type === 'at' ? l.end.at : now)) / 1000)} s past its end`,
    );
}

/** The reset has been handled: the new day in view, nothing held past the reset, the pending config promoted. */
export function resetDone(guard: Guard, tradingDay: string, resetAt: number): boolean {
  const view = guard.view();
  return (
    view.tradingDay.key === tradingDay &&
    view.state.tradingDay === tradingDay &&
    view.pending === null &&
    !view.lockouts.some((l) => l.end.type === 'at' && l.end.at <= resetAt)
  );
}
