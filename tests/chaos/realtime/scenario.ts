import { createPrng } from '../../../simulator/prng';
import type { RealtimeSessionOptions } from '../../../src/core/realtime/realtime-session';
import { converge, type Harness, MES, MNQ, startHarness, waitUntil } from '../../integration/realtime/harness';

/**
 * The "busy hour with a bad network" scenario, shared by the chaos test (compressed) and the
 * soak (full length): a trader generating about 60 hub events per (scenario) second on two
 * accounts — market orders, resting limits, cancels, closes — while the network drops both
 * hubs' sockets with probability 0.1 per second and loses 5 % of user-hub messages. At the
 * end the guard's state (hub events + reconciliation through the reducer) must equal the
 * simulator's ledger exactly.
 *
 * `speed` compresses time: at 10× a 60 s scenario takes 6 s of wall time, and every delay of
 * the connection policy is divided by 10 too.
 */
export interface ChaosOptions {
  scenarioSeconds: number;
  speed: number;
  eventsPerSecond?: number;
  disconnectPerSecond?: number;
  loseProbability?: number;
  seed?: number;
}

export interface ChaosReport {
  accounts: Array<{ accountId: number; picture: unknown; truth: unknown }>;
  disconnects: number;
  lost: number;
  traderActions: number;
  hubEvents: number;
  /** Trade ids recorded more than once by the reducer (must be empty). */
  doubleCounted: number[];
}

/** Policy delays divided by `speed`. */
export function scaledConnection(speed: number): NonNullable<RealtimeSessionOptions['connection']> {
  return {
    delaysMs: [0, 2000, 10_000, 30_000, 60_000].map((d) => d / speed),
    foreverDelayMs: 60_000 / speed,
    jitterRatio: 0.2,
    stableAfterMs: 10_000 / speed,
    serverTimeoutMs: Math.max(30_000 / speed, 1000),
    keepAliveIntervalMs: Math.max(15_000 / speed, 250),
  };
}

export async function startChaosHarness(speed: number, seed: number): Promise<Harness> {
  return startHarness(
    {
      seed,
      pingIntervalMs: Math.max(15_000 / speed, 100),
      // Not a rate-limit test: the compressed run squeezes a minute of reconciles into seconds.
      rateLimits: { general: { limit: 100_000, windowMs: 60_000 }, bars: { limit: 100_000, windowMs: 30_000 } },
    },
    { connection: scaledConnection(speed), pollIntervalMs: 5000 / speed, reconcileRetryMs: 5000 / speed },
  );
}

/** One random trader action; returns roughly how many user-hub events it causes. */
function act(h: Harness, rnd: () => number, accounts: number[]): number {
  const accountId = accounts[Math.floor(rnd() * accounts.length)] ?? 0;
  const contractId = rnd() < 0.6 ? MNQ : MES;
  const price = h.sim.market.price(contractId);
  const step = (Math.floor(rnd() * 5) - 2) * 0.25;
  h.sim.market.setPrice(contractId, price + step);
  const r = rnd();
  const truth = h.sim.ledger.truth(accountId);
  if (r < 0.55) {
    h.sim.trader.placeOrder(accountId, {
      contractId,
      type: 2,
      side: rnd() < 0.5 ? 0 : 1,
      size: 1 + Math.floor(rnd() * 3),
    });
    return 5;
  }
  if (r < 0.75) {
    const below = rnd() < 0.5;
    h.sim.trader.placeOrder(accountId, {
      contractId,
      type: 1,
      side: below ? 0 : 1,
      size: 1,
      limitPrice: price + (below ? -2 : 2),
    });
    return 1;
  }
  if (r < 0.9) {
    const order = truth.openOrders[Math.floor(rnd() * truth.openOrders.length)];
    if (order) {
      h.sim.trader.cancelOrder(accountId, order.id);
      return 1;
    }
    return 0;
  }
  const position = truth.positions[Math.floor(rnd() * truth.positions.length)];
  if (position) {
    h.sim.trader.closePosition(accountId, position.contractId);
    return 4;
  }
  return 0;
}

export async function runChaos(h: Harness, options: ChaosOptions): Promise<ChaosReport> {
  const { speed } = options;
  const prng = createPrng(options.seed ?? 7);
  const rnd = () => prng.next();
  const accounts = [...h.sim.demo.accountIds];
  const eventsPerSecond = options.eventsPerSecond ?? 60;
  const pDisconnect = options.disconnectPerSecond ?? 0.1;
  const loseId = h.sim.faults.add({
    target: { kind: 'hub', hub: 'user' },
    effect: { type: 'lose' },
    schedule: { type: 'probability', p: options.loseProbability ?? 0.05 },
  });

  h.session.start();
  await waitUntil(() => h.session.user.status() === 'connected', 5000, 'first connect');
  await converge(h, accounts[0] ?? 0);

  const tickMs = 100; // wall-clock step
  const scenarioMsPerTick = tickMs * speed;
  const ticks = Math.round((options.scenarioSeconds * 1000) / scenarioMsPerTick);
  let disconnects = 0;
  let traderActions = 0;
  let budget = 0;
  for (let t = 0; t < ticks; t++) {
    budget += (eventsPerSecond * scenarioMsPerTick) / 1000;
    while (budget > 0) {
      budget -= Math.max(act(h, rnd, accounts), 1);
      traderActions += 1;
    }
    // p per scenario second, spread over the tick's share of a second.
    if (rnd() < 1 - (1 - pDisconnect) ** (scenarioMsPerTick / 1000)) {
      h.sim.faults.dropSockets();
      disconnects += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }

  // Quiet: the network heals, the guard reconnects and reconciles; REST is the truth.
  const lost = h.sim.faults.fired()[loseId] ?? 0;
  h.sim.faults.clear();
  const deadline = (60_000 / speed) * 1.2 + 3000;
  await waitUntil(() => h.session.user.status() === 'connected', deadline, 'reconnect after the run');
  await h.session.reconcile('end-of-run');
  const result: ChaosReport['accounts'] = [];
  for (const accountId of accounts) {
    const { picture, truth } = await converge(h, accountId, 5000);
    result.push({ accountId, picture, truth });
  }
  return {
    accounts: result,
    disconnects,
    lost,
    traderActions,
    hubEvents: h.events.filter((e) => e.source === 'hub').length,
    doubleCounted: doubleCounted(h),
  };
}

/** Trade ids the reducer recorded more than once (via its `trade-recorded` effects). */
export function doubleCounted(h: Harness): number[] {
  const seen = new Map<number, number>();
  for (const effect of h.effects) {
    if (effect.kind === 'trade-recorded') seen.set(effect.tradeId, (seen.get(effect.tradeId) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}
