import { createPrng } from '../../../simulator/prng';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import type { Guard } from '../../../src/core/guard/guard';
import { pictureOf, truthOf } from '../../integration/realtime/harness';

/**
 * A busy trader on a bad network, against the WHOLE guard (shared by the chaos test, compressed,
 * and `npm run soak`, full length): market orders, resting limits, cancels and closes on every
 * demo account at `eventsPerSecond` hub events, both hubs' sockets dropped with probability
 * `dropsPerSecond` per second, `loseProbability` of user-hub messages silently lost. No vitest
 * here: the soak runs under plain tsx.
 */
export interface TrafficOptions {
  seconds: number;
  eventsPerSecond?: number;
  dropsPerSecond?: number;
  loseProbability?: number;
  seed?: number;
  contracts: readonly string[];
}

export interface TrafficReport {
  traderActions: number;
  drops: number;
  lost: number;
}

/**
 * One random trader action on one of `accounts` (the price of the contract moves a little
 * first): a market order (55 %), a resting limit 2 points away (20 %), a cancel of a working
 * order (15 %) or a close (10 %). Returns roughly how many user-hub events it causes. Throws
 * what the simulator refuses (a closed market, an account that cannot trade).
 */
export function traderAction(
  sim: Simulator,
  rnd: () => number,
  accounts: readonly number[],
  contracts: readonly string[],
): number {
  const accountId = accounts[Math.floor(rnd() * accounts.length)] ?? 0;
  const contractId = contracts[Math.floor(rnd() * contracts.length)] ?? '';
  const price = sim.market.price(contractId);
  sim.market.setPrice(contractId, price + (Math.floor(rnd() * 5) - 2) * 0.25);
  const r = rnd();
  const truth = sim.ledger.truth(accountId);
  if (r < 0.55) {
    const side = rnd() < 0.5 ? OrderSide.Bid : OrderSide.Ask;
    sim.trader.placeOrder(accountId, { contractId, type: OrderType.Market, side, size: 1 + Math.floor(rnd() * 3) });
    return 5;
  }
  if (r < 0.75) {
    const below = rnd() < 0.5;
    sim.trader.placeOrder(accountId, {
      contractId,
      type: OrderType.Limit,
      side: below ? OrderSide.Bid : OrderSide.Ask,
      size: 1,
      limitPrice: price + (below ? -2 : 2),
    });
    return 1;
  }
  if (r < 0.9) {
    const order = truth.openOrders[Math.floor(rnd() * truth.openOrders.length)];
    if (!order) return 0;
    sim.trader.cancelOrder(accountId, order.id);
    return 1;
  }
  const position = truth.positions[Math.floor(rnd() * truth.positions.length)];
  if (!position) return 0;
  sim.trader.closePosition(accountId, position.contractId);
  return 4;
}

export async function runTraffic(sim: Simulator, options: TrafficOptions): Promise<TrafficReport> {
  const prng = createPrng(options.seed ?? 7);
  const rnd = () => prng.next();
  const accounts = sim.demo.accountIds;
  const eventsPerSecond = options.eventsPerSecond ?? 60;
  const pDrop = options.dropsPerSecond ?? 0.1;
  const loseId = sim.faults.add({
    target: { kind: 'hub', hub: 'user' },
    effect: { type: 'lose' },
    schedule: { type: 'probability', p: options.loseProbability ?? 0.05 },
  });
  const tickMs = 100;
  const ticks = Math.round((options.seconds * 1000) / tickMs);
  let budget = 0;
  let traderActions = 0;
  let drops = 0;
  for (let t = 0; t < ticks; t++) {
    budget += (eventsPerSecond * tickMs) / 1000;
    while (budget > 0) {
      budget -= Math.max(traderAction(sim, rnd, accounts, options.contracts), 1);
      traderActions += 1;
    }
    if (rnd() < 1 - (1 - pDrop) ** (tickMs / 1000)) {
      sim.faults.dropSockets();
      drops += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  const lost = sim.faults.fired()[loseId] ?? 0;
  sim.faults.remove(loseId);
  return { traderActions, drops, lost };
}

export interface LedgerComparison {
  accountId: number;
  picture: ReturnType<typeof pictureOf>;
  truth: ReturnType<typeof truthOf>;
  equal: boolean;
}

/**
 * After the network heals: waits (up to `timeoutMs`) until the guard's picture of every demo
 * account equals the ledger. Lost hub messages without a reconnect are found only by the
 * worker's 30-s watchdog alarm, so `guard.watchdog()` is called every `watchdogEveryMs` (the
 * alarm, compressed) — nothing else nudges the guard. Returns the last comparison of each.
 */
export function settleAgainstLedger(
  guard: Guard,
  sim: Simulator,
  options: { timeoutMs: number; watchdogEveryMs: number },
): Promise<LedgerComparison[]> {
  const compare = () =>
    sim.demo.accountIds.map((accountId) => {
      const picture = pictureOf(guard.view().state, accountId);
      const truth = truthOf(sim, accountId);
      return { accountId, picture, truth, equal: JSON.stringify(picture) === JSON.stringify(truth) };
    });
  return settleUntilEqual(compare, {
    timeoutMs: options.timeoutMs,
    nudge: () => guard.watchdog(),
    nudgeEveryMs: options.watchdogEveryMs,
  });
}

/** Compares until every result is equal or `timeoutMs` passes; `nudge` runs first and every `nudgeEveryMs`. Returns the last comparison. */
export async function settleUntilEqual<T extends { equal: boolean }>(
  compare: () => T[],
  options: { timeoutMs: number; nudge: () => Promise<unknown>; nudgeEveryMs: number },
): Promise<T[]> {
  const deadline = Date.now() + options.timeoutMs;
  let nudged = Date.now();
  await options.nudge();
  for (;;) {
    const result = compare();
    if (result.every((r) => r.equal) || Date.now() > deadline) return result;
    if (Date.now() - nudged > options.nudgeEveryMs) {
      nudged = Date.now();
      await options.nudge();
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
