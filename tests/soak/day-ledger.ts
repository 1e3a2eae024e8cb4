import type { Simulator } from '../../simulator/types';
import type { Trade } from '../../src/core/gateway/schemas';
import type { GuardState } from '../../src/core/state/account-state';
import { type CostOptions, netOfCosts } from '../../src/core/state/selectors';
import { settleUntilEqual } from '../chaos/guard/guard-traffic';
import { pictureOf } from '../integration/realtime/harness';

/**
 * One trading day of an account as the simulator's ledger has it, in the terms of the guard's
 * picture (integration/realtime/harness.ts `pictureOf`): the guard keeps the trading day's
 * trades only, so a run across many days compares each day with that day's slice of the
 * ledger. `sinceSeq` (the ledger's last seq when the day began) keeps the walk to the day.
 */
export type Picture = ReturnType<typeof pictureOf>;

export interface DaySpan {
  start: number;
  end: number;
}

/** The day's trades in fill order, each in its latest version (a voided one once). */
export function dayTrades(sim: Simulator, accountId: number, day: DaySpan, sinceSeq: number): Trade[] {
  const latest = new Map<number, Trade>();
  for (const e of sim.ledger.entries({ accountId, type: 'trade', sinceSeq })) {
    if (e.type !== 'trade') continue;
    const at = Date.parse(e.trade.creationTimestamp);
    if (at >= day.start && at < day.end) latest.set(e.trade.id, e.trade);
  }
  return [...latest.values()];
}

const cents = (x: number) => Math.round(x * 100) / 100;

export function dayTruthOf(sim: Simulator, accountId: number, day: DaySpan, sinceSeq: number): Picture {
  const t = sim.ledger.truth(accountId);
  const trades = dayTrades(sim, accountId, day, sinceSeq);
  const live = trades.filter((x) => x.voided !== true);
  return {
    positions: t.positions
      .map((p) => ({ contractId: p.contractId, type: p.type, size: p.size, averagePrice: p.averagePrice }))
      .sort((x, y) => x.contractId.localeCompare(y.contractId)),
    openOrders: t.openOrders.map((o) => ({ id: o.id, status: o.status, size: o.size })).sort((x, y) => x.id - y.id),
    tradeIds: trades.map((x) => x.id).sort((x, y) => x - y),
    realizedPnl: cents(live.reduce((s, x) => s + (x.profitAndLoss ?? 0), 0)),
    fees: cents(live.reduce((s, x) => s + (x.fees ?? 0), 0)),
    commissions: cents(live.reduce((s, x) => s + (x.commissions ?? 0), 0)),
  };
}

/** The day's realized P&L after each fill, net of the costs that count (the guard's own rule): its lowest and its last. */
export function realizedPath(trades: readonly Trade[], costs: CostOptions): { lowest: number; last: number } {
  let sum = 0;
  let lowest = 0;
  for (const t of trades) {
    if (t.voided === true) continue;
    sum += netOfCosts(t.profitAndLoss ?? 0, { fees: t.fees ?? 0, commissions: t.commissions ?? 0 }, costs);
    lowest = Math.min(lowest, sum);
  }
  return { lowest: cents(lowest), last: cents(sum) };
}

export interface DayComparison {
  accountId: number;
  picture: Picture;
  truth: Picture;
  equal: boolean;
}

/**
 * Compares every account until all equal the ledger's day or `timeoutMs` passes; `nudge` runs
 * every `nudgeEveryMs` meanwhile (the worker's watchdog alarm, or a reconcile). Returns the
 * last comparison of each account.
 */
export function settleDay(options: {
  sim: Simulator;
  state: () => GuardState;
  day: DaySpan;
  sinceSeq: number;
  timeoutMs: number;
  nudge: () => Promise<void>;
  nudgeEveryMs: number;
}): Promise<DayComparison[]> {
  const { sim, day } = options;
  const compare = () =>
    sim.demo.accountIds.map((accountId) => {
      const picture = pictureOf(options.state(), accountId);
      const truth = dayTruthOf(sim, accountId, day, options.sinceSeq);
      return { accountId, picture, truth, equal: JSON.stringify(picture) === JSON.stringify(truth) };
    });
  return settleUntilEqual(compare, options);
}

/** The part of a comparison that differs, for a failure message. */
export function describeDifference(c: DayComparison): string {
  const keys = Object.keys(c.truth) as Array<keyof Picture>;
  const parts = keys
    .filter((k) => JSON.stringify(c.picture[k]) !== JSON.stringify(c.truth[k]))
    .map((k) => `${k}: guard ${JSON.stringify(c.picture[k])} vs ledger ${JSON.stringify(c.truth[k])}`);
  return `account ${c.accountId} off the ledger: ${parts.join('; ')}`;
}
