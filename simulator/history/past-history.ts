import type { Trade } from '../../src/core/gateway/schemas';
import { zonedToEpoch } from '../../src/core/rules/wall-clock/zoned-time';
import { createTradingDayClock } from '../../src/core/state/trading-day';
import type { SimContract } from '../catalogue';
import type { PriceTick } from '../prices';
import { createPrng } from '../prng';
import type { TimeFormatter } from '../time-format';
import { createPastMarket, type PastSession } from './past-market';
import { type TraderProfile, tradePastSessions } from './past-trader';

/**
 * Extension (opt-in `history` option): the last N trading days before the simulator's "now",
 * seeded, so Trade/search and History/retrieveBars have something to show, as a real account
 * a month old would. Sessions run 08:30–15:15 Chicago on each trading day (the trading day's
 * own date, weekends skipped by the guard's trading-day clock); the current trading day stays
 * empty, the live simulator owns it. The past is not in the ledger: the ledger records what
 * happened while the simulator ran.
 */

export interface PastHistory {
  sessions: readonly PastSession[];
  trades: ReadonlyMap<number, Trade[]>;
  ticks(contractId: string, fromMs: number, toMs: number): PriceTick[];
}

/** Who trades what: the first account trades micros with tilt, the second minis more calmly. */
const PROFILES: Array<{ root: string; profile: Omit<TraderProfile, 'contractId'> }> = [
  { root: 'MNQ', profile: { baseSize: 4, tiltStep: 3, maxSize: 15, trips: [3, 9] } },
  { root: 'EP', profile: { baseSize: 1, tiltStep: 1, maxSize: 3, trips: [2, 6] } },
];

/** Ids below the live simulator's (orders 2_140_000_001…, trades 1_730_000_001…): history sorts first. */
const FIRST_IDS = { trade: 1_720_000_001, order: 2_130_000_001 };

export function pastSessions(now: number, tradingDays: number): PastSession[] {
  const clock = createTradingDayClock();
  const days: string[] = [];
  let t = clock.previousReset(now);
  for (let i = 0; i < tradingDays; i++) {
    t = clock.previousReset(t - 1);
    days.unshift(clock.tradingDayOf(t));
  }
  return days.map((day) => ({
    day,
    open: zonedToEpoch(day, 8 * 60 + 30, 'America/Chicago'),
    close: zonedToEpoch(day, 15 * 60 + 15, 'America/Chicago'),
  }));
}

export function createPastHistory(options: {
  contracts: readonly SimContract[];
  accountIds: readonly number[];
  tradingDays: number;
  now: number;
  seed: number;
  fmt: TimeFormatter;
}): PastHistory {
  const sessions = pastSessions(options.now, options.tradingDays);
  const active = options.contracts.filter((c) => c.activeContract);
  // Only the contracts the past trader trades get a past (bars of the others are empty, as for an idle market).
  const traded = PROFILES.flatMap((p) => active.filter((c) => c.symbolId === `F.US.${p.root}`));
  const market = createPastMarket({ contracts: traded, sessions, prng: createPrng(options.seed ^ 0x2545f491) });
  const ids = { ...FIRST_IDS };
  const trades = new Map<number, Trade[]>();
  options.accountIds.forEach((accountId, i) => {
    const spec = PROFILES[i % PROFILES.length];
    const contract = traded.find((c) => c.symbolId === `F.US.${spec?.root}`);
    if (!spec || !contract) return;
    trades.set(
      accountId,
      tradePastSessions({
        accountId,
        profile: { ...spec.profile, contractId: contract.id },
        contract,
        market,
        prng: createPrng(options.seed * 31 + accountId),
        fmt: options.fmt,
        ids,
      }),
    );
  });
  return { sessions, trades, ticks: (id, from, to) => market.ticks(id, from, to) };
}
