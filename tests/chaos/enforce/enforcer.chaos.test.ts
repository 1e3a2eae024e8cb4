import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import {
  appliedCloses,
  cid,
  dayLockout,
  type EnforceStack,
  startEnforceStack,
  traderMarket,
  until,
} from '../../integration/enforce/harness';

/**
 * Chaos against the simulator with compressed timings. Each test asserts with the ledger
 * (the exchange's truth): the account ends flat or at the limit, every position was closed
 * by exactly ONE applied close request (zero duplicate closes), no close ever asked for more
 * than was open (zero over-closes), and no tagged order exists twice.
 * Not here: a breach during a hub outage needs the realtime pieces (the integrator's test).
 */
let s: EnforceStack;
afterEach(async () => {
  s.enforcer.dispose();
  await s.stop();
});

const chaosStack = (seed = 7) =>
  startEnforceStack({
    sim: { seed },
    breaker: { failureThreshold: 50, halfOpenAfterMs: 100 },
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, jitter: 0 },
    enforcer: { maxRetryDelayMs: 400 },
  });

const READS = ['/api/Position/searchOpen', '/api/Order/searchOpen', '/api/Order/search'];
const MUTATIONS = ['/api/Position/closeContract', '/api/Position/partialCloseContract', '/api/Order/cancel'];

function seedBook() {
  const ES = cid(s.sim, 'EP');
  const NQ = cid(s.sim, 'ENQ');
  const MNQ = cid(s.sim, 'MNQ');
  traderMarket(s.sim, s.accountId, ES, 0, 3);
  traderMarket(s.sim, s.accountId, NQ, 1, 2);
  traderMarket(s.sim, s.accountId, MNQ, 0, 5);
  for (const [contractId, side] of [
    [ES, OrderSide.Ask],
    [NQ, OrderSide.Bid],
  ] as const) {
    const c = s.sim.contracts.find((x) => x.id === contractId);
    const offset = (side === OrderSide.Ask ? -60 : 60) * (c?.tickSize ?? 1);
    s.sim.trader.placeOrder(s.accountId, {
      contractId,
      type: OrderType.Stop,
      side,
      size: 1,
      stopPrice: s.sim.market.price(contractId) + offset,
    });
  }
  return { ES, NQ, MNQ };
}

function expectCleanFlatten(contracts: string[]) {
  const truth = s.sim.ledger.truth(s.accountId);
  expect(truth.positions).toEqual([]);
  expect(truth.openOrders).toEqual([]);
  expect(s.sim.ledger.overCloses()).toEqual([]);
  const closes = appliedCloses(s.sim, s.accountId);
  expect(closes.map((c) => c.contractId).sort()).toEqual([...contracts].sort());
}

describe('enforcer chaos (simulator): REST failing half the time', () => {
  it.each([7, 11, 23])(
    'flattens while REST fails half the time (errors and answers lost after applying), seed %i',
    async (seed) => {
      s = await chaosStack(seed);
      const { ES, NQ, MNQ } = seedBook();
      for (const f of halfFailing()) s.sim.faults.add(f);
      await s.enforcer.submit(s.decision({ type: 'flatten' }, { lockout: dayLockout }));
      await until(() => s.enforcer.status(s.accountId).state === 'converged', 20_000, 'convergence');
      expect(Object.values(s.sim.faults.fired()).reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
      expectCleanFlatten([ES, NQ, MNQ]);
    },
  );

  it.each([5, 13])('reduces to the limit, newest first, while REST fails half the time, seed %i', async (seed) => {
    s = await chaosStack(seed);
    const ES = cid(s.sim, 'EP');
    const MNQ = cid(s.sim, 'MNQ');
    traderMarket(s.sim, s.accountId, ES, 0, 3);
    await new Promise((r) => setTimeout(r, 5));
    traderMarket(s.sim, s.accountId, MNQ, 0, 5);
    for (const f of halfFailing()) s.sim.faults.add(f);
    await s.enforcer.submit(s.decision({ type: 'reduce-total', maxContracts: 4, counting: 'contracts' }));
    await until(() => s.enforcer.status(s.accountId).state === 'converged', 20_000, 'convergence');
    const truth = s.sim.ledger.truth(s.accountId);
    expect(Object.fromEntries(truth.positions.map((p) => [p.contractId, [p.type, p.size]]))).toEqual({
      [ES]: [1, 3],
      [MNQ]: [1, 1],
    });
    expect(s.sim.ledger.overCloses()).toEqual([]);
    expect(appliedCloses(s.sim, s.accountId)).toEqual([{ contractId: MNQ, size: 4 }]);
  });
});

function halfFailing(): FaultSpec[] {
  return [
    ...READS.map(
      (endpoint): FaultSpec => ({
        target: { kind: 'rest', endpoint },
        effect: { type: 'http-error', status: 503 },
        schedule: { type: 'probability', p: 0.5 },
      }),
    ),
    ...MUTATIONS.flatMap((endpoint): FaultSpec[] => [
      {
        target: { kind: 'rest', endpoint },
        effect: { type: 'apply-then-fail' },
        schedule: { type: 'probability', p: 0.3 },
      },
      {
        target: { kind: 'rest', endpoint },
        effect: { type: 'http-error', status: 502 },
        schedule: { type: 'probability', p: 0.3 },
      },
    ]),
  ];
}

describe('enforcer chaos (simulator): storms, restarts, merges, a trader who keeps trading', () => {
  it('flattens through a 429 storm', async () => {
    s = await chaosStack();
    const { ES, NQ, MNQ } = seedBook();
    s.sim.faults.add({
      target: { kind: 'rest' },
      effect: { type: 'rate-limit', retryAfterSec: 0 },
      schedule: { type: 'window', fromMs: 0, toMs: 800 },
    });
    await s.enforcer.submit(s.decision({ type: 'flatten' }, { lockout: dayLockout }));
    await until(() => s.enforcer.status(s.accountId).state === 'converged', 20_000, 'convergence');
    expect(s.sim.requests.list().some((r) => r.httpStatus === 429)).toBe(true);
    expectCleanFlatten([ES, NQ, MNQ]);
  });

  it('an enforcer stopped mid-flatten and rebuilt from the store finishes it without duplicates', async () => {
    s = await chaosStack();
    const { ES, NQ, MNQ } = seedBook();
    const slow = s.sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/closeContract' },
      effect: { type: 'latency', ms: 150 },
      schedule: { type: 'always' },
    });
    await s.enforcer.submit(s.decision({ type: 'flatten' }, { lockout: dayLockout }));
    await until(() => s.sim.ledger.truth(s.accountId).openOrders.length === 0, 5_000, 'the cancels');
    await new Promise((r) => setTimeout(r, 60)); // a close is in flight
    s.enforcer.dispose(); // the worker dies here
    const fresh = await s.rebuild();
    s.sim.faults.remove(slow);
    expect(fresh.lockouts.isLocked(s.accountId, Date.now())).toBe(true);
    await fresh.orders.resumePending();
    expect(await fresh.enforcer.resume()).toEqual([s.accountId]);
    await until(() => fresh.enforcer.status(s.accountId).state === 'converged', 20_000, 'convergence');
    await new Promise((r) => setTimeout(r, 300)); // let the dead worker's last request land
    expectCleanFlatten([ES, NQ, MNQ]);
    fresh.enforcer.dispose();
  });

  it('two rules breaching in the same event make one flatten: one close per position, one cancel per order', async () => {
    s = await chaosStack();
    const { ES, NQ, MNQ } = seedBook();
    s.sim.faults.add({ target: { kind: 'rest' }, effect: { type: 'latency', ms: 15 }, schedule: { type: 'always' } });
    await Promise.all([
      s.enforcer.submit(s.decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout })),
      s.enforcer.submit(s.decision({ type: 'flatten' }, { ruleId: 'daily-net-loss', lockout: dayLockout })),
      s.enforcer.submit(s.decision({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' })),
    ]);
    await s.enforcer.whenIdle();
    expectCleanFlatten([ES, NQ, MNQ]);
    expect(s.sim.requests.list('/api/Position/closeContract')).toHaveLength(3);
    expect(s.sim.requests.list('/api/Position/partialCloseContract')).toHaveLength(0);
    expect(s.sim.requests.list('/api/Order/cancel')).toHaveLength(2);
  });

  it('keeps the account flat while the trader opens positions again and again during a lockout', async () => {
    s = await chaosStack();
    const ES = cid(s.sim, 'EP');
    const MNQ = cid(s.sim, 'MNQ');
    await s.enforcer.submit(s.decision({ type: 'flatten' }, { lockout: dayLockout }));
    await s.enforcer.whenIdle();
    let opens = 0;
    for (let i = 0; i < 8; i++) {
      traderMarket(s.sim, s.accountId, i % 2 === 0 ? ES : MNQ, i % 3 === 0 ? 1 : 0, 1 + (i % 3));
      opens += 1;
      s.guard.onAccountEvent(s.accountId, undefined, 'GatewayUserPosition');
      await new Promise((r) => setTimeout(r, (i * 7) % 25));
    }
    await s.enforcer.whenIdle();
    await until(() => s.sim.ledger.truth(s.accountId).positions.length === 0, 5_000, 'flat');
    await s.enforcer.whenIdle();
    const truth = s.sim.ledger.truth(s.accountId);
    expect(truth.positions).toEqual([]);
    expect(truth.openOrders).toEqual([]);
    expect(s.sim.ledger.overCloses()).toEqual([]);
    expect(appliedCloses(s.sim, s.accountId).length).toBeLessThanOrEqual(opens);
    expect(s.sim.requests.list('/api/Order/place')).toHaveLength(0);
  });
});
