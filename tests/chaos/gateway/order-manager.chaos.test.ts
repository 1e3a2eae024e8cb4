import { afterEach, describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import type { IntentRecord } from '../../../src/core/gateway/intent-store';
import { createOrderManager, type OrderManager } from '../../../src/core/gateway/order-manager';
import type { Contract } from '../../../src/core/gateway/schemas';
import { systemClock } from '../../../src/core/ports';
import type { DurableStore } from '../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { type Stack, startStack } from '../../integration/gateway/harness';

/**
 * Chaos against the simulator, asserted on its ledger (the ground truth): half of the
 * mutation requests fail — some after the gateway applied them — and the guard must still
 * resolve every intent, never duplicate an order and never close more than is open.
 */
const ROOMY = {
  sim: { rateLimits: { general: { limit: 100_000, windowMs: 60_000 }, bars: { limit: 50, windowMs: 30_000 } } },
  limits: { general: { max: 100_000, windowMs: 60_000 } },
};

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

function managerOver(s: Stack, store: DurableStore, prefix: string): OrderManager {
  let n = 0;
  return createOrderManager({
    api: s.api,
    store,
    clock: systemClock,
    newId: () => `${prefix}${++n}`,
    maxAttempts: 8,
    backoffMs: (round) => 10 * round,
  });
}

/** Half of the requests to `endpoint` fail: 20 % applied-then-lost (socket reset), 10 % applied-then-503, 20 % a 500. */
function halfFailing(s: Stack, endpoint: string): void {
  const target = { kind: 'rest' as const, endpoint };
  s.sim.faults.add({ target, effect: { type: 'apply-then-fail' }, schedule: { type: 'probability', p: 0.2 } });
  s.sim.faults.add({
    target,
    effect: { type: 'apply-then-fail', status: 503 },
    schedule: { type: 'probability', p: 0.125 },
  });
  s.sim.faults.add({
    target,
    effect: { type: 'http-error', status: 500 },
    schedule: { type: 'probability', p: 0.2 / 0.7 },
  });
}

async function pendingIntents(store: DurableStore): Promise<IntentRecord[]> {
  return (await store.getAll<IntentRecord>('intents')).map((r) => r.value).filter((r) => r.state === 'pending');
}

function firstContract(s: Stack): Contract {
  const c = s.sim.contracts[0];
  if (!c) throw new Error('no contracts');
  return c;
}

describe('order manager under chaos (simulator ledger as truth)', () => {
  it('places 100 orders with half the requests failing: every intent resolved, zero duplicates', async () => {
    stack = await startStack({ ...ROOMY, breaker: { halfOpenAfterMs: 50 } });
    const s = stack;
    const contract = firstContract(s);
    halfFailing(s, '/api/Order/place');
    for (const endpoint of ['/api/Order/search', '/api/Order/searchOpen']) {
      s.sim.faults.add({
        target: { kind: 'rest', endpoint },
        effect: { type: 'http-error', status: 503 },
        schedule: { type: 'probability', p: 0.5 },
      });
    }
    const store = createMemoryStore();
    const manager = managerOver(s, store, 'p');
    const limitPrice = s.sim.market.price(contract.id) - 200 * contract.tickSize;
    const outcomes: Array<{ intentId: string; status: string; orderId?: number }> = [];
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const key = `chaos-${batch * 10 + i}`;
          const outcome = await manager.placeOrder(
            {
              accountId: s.accountId,
              contractId: contract.id,
              type: OrderType.Limit,
              side: OrderSide.Bid,
              size: 1,
              limitPrice,
            },
            { intentKey: key },
          );
          return { intentId: `k-${key}`, ...outcome };
        }),
      );
      outcomes.push(...results);
    }
    // Anything left pending (every re-read failed) is what a restarted worker resumes.
    s.sim.faults.clear();
    await managerOver(s, store, 'r').resumePending();
    expect(await pendingIntents(store)).toEqual([]);

    const fired = Object.values(s.sim.faults.fired()).reduce((a, b) => a + b, 0);
    expect(fired).toBeGreaterThan(50);
    const placeRequests = s.sim.requests.list('/api/Order/place').length;
    expect(placeRequests).toBeGreaterThan(100);

    let placed = 0;
    for (let i = 0; i < 100; i++) {
      const tagged = s.sim.ledger.ordersWithTag(s.accountId, `rg-k-chaos-${i}`);
      expect(tagged.length).toBeLessThanOrEqual(1);
      placed += tagged.length;
      const outcome = outcomes[i];
      if (outcome?.status === 'done') expect(tagged[0]?.id).toBe(outcome.orderId);
    }
    const stored = (await store.getAll<IntentRecord>('intents')).map((r) => r.value);
    const done = stored.filter((r) => r.outcome?.status === 'done').length;
    expect(placed).toBe(done);
    expect(done).toBeGreaterThanOrEqual(95);
    expect(s.sim.ledger.truth(s.accountId).openOrders).toHaveLength(placed);
  });

  it('reduces and closes positions with half the requests failing and never over-closes', async () => {
    stack = await startStack({ ...ROOMY, breaker: { halfOpenAfterMs: 50 } });
    const s = stack;
    const contracts = s.sim.contracts.slice(0, 4);
    for (const [i, c] of contracts.entries()) {
      s.sim.trader.placeOrder(s.accountId, {
        contractId: c.id,
        type: OrderType.Market,
        side: i % 2 === 0 ? OrderSide.Bid : OrderSide.Ask,
        size: 5,
      });
    }
    halfFailing(s, '/api/Position/partialCloseContract');
    halfFailing(s, '/api/Position/closeContract');
    const store = createMemoryStore();
    const manager = managerOver(s, store, 'c');
    const openSize = (contractId: string) =>
      Math.abs(s.sim.ledger.truth(s.accountId).positions.find((p) => p.contractId === contractId)?.size ?? 0);
    // 5 → 3 → 1 → 0 (capped: closes 1, not 2) → 0 (noop).
    for (const expected of [3, 1, 0, 0]) {
      for (const c of contracts) {
        const outcome = await manager.reducePosition(s.accountId, c.id, 2, { lane: 'enforcement' });
        expect(outcome.status).not.toBe('failed');
        expect(openSize(c.id)).toBe(expected);
      }
    }
    for (const c of contracts)
      s.sim.trader.placeOrder(s.accountId, { contractId: c.id, type: OrderType.Market, side: 0, size: 2 });
    for (const c of contracts) await manager.closePosition(s.accountId, c.id, { lane: 'enforcement' });
    // Flat already: a second flatten is a noop, not a reversal.
    for (const c of contracts) {
      expect(await manager.closePosition(s.accountId, c.id)).toEqual({ status: 'noop', detail: 'already flat' });
    }
    expect(Object.values(s.sim.faults.fired()).reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    expect(s.sim.ledger.overCloses()).toEqual([]);
    expect(s.sim.ledger.truth(s.accountId).positions).toEqual([]);
    // No close ever turned a long into a short or back: every position keeps its side until flat.
    const sides = new Map<string, number>();
    for (const e of s.sim.ledger.entries({ accountId: s.accountId, type: 'position' })) {
      if (e.type !== 'position') continue;
      // A position's side only changes through flat: a size-0 update ends its life.
      if (e.position.size === 0) {
        sides.delete(e.position.contractId);
        continue;
      }
      const seen = sides.get(e.position.contractId);
      if (seen !== undefined) expect(e.position.type).toBe(seen);
      sides.set(e.position.contractId, e.position.type);
    }
    expect(sides.size).toBe(0);
    expect(await pendingIntents(store)).toEqual([]);
  });

  it('resolves an intent exactly once when the worker dies after sending the place', async () => {
    stack = await startStack();
    const s = stack;
    const contract = firstContract(s);
    const store = createMemoryStore();
    let snapshot: Record<string, Record<string, unknown>> | undefined;
    // Capture the store as it is on disk at the moment the request leaves (the crash point).
    const api = {
      ...s.api,
      placeOrder: (...args: Parameters<typeof s.api.placeOrder>) => {
        snapshot ??= store.dump();
        return s.api.placeOrder(...args);
      },
    };
    let n = 0;
    const dying = createOrderManager({ api, store, clock: systemClock, newId: () => `w${++n}`, backoffMs: () => 0 });
    const order = {
      accountId: s.accountId,
      contractId: contract.id,
      type: OrderType.Market,
      side: OrderSide.Bid,
      size: 1,
    };
    await dying.placeOrder(order);
    expect(s.sim.ledger.ordersWithTag(s.accountId, 'rg-w1')).toHaveLength(1);

    const restartedStore = createMemoryStore();
    const writes = Object.entries(snapshot ?? {}).flatMap(([name, rows]) =>
      Object.entries(rows).map(([key, value]) => ({ store: name as 'intents', key, value })),
    );
    await restartedStore.putMany(writes);
    expect(await pendingIntents(restartedStore)).toHaveLength(1);
    const restarted = managerOver(s, restartedStore, 'x');
    const resumed = await restarted.resumePending();
    expect(resumed).toEqual([{ intentId: 'w1', outcome: expect.objectContaining({ status: 'done' }) }]);
    expect(await restarted.resumePending()).toEqual([]);
    expect(s.sim.ledger.ordersWithTag(s.accountId, 'rg-w1')).toHaveLength(1);
    expect(s.sim.requests.list('/api/Order/place')).toHaveLength(1);
  });

  it('places exactly once on resume when the worker died before its request reached the gateway', async () => {
    stack = await startStack({ breaker: { halfOpenAfterMs: 50 } });
    const s = stack;
    const contract = firstContract(s);
    const store = createMemoryStore();
    const api = {
      ...s.api,
      placeOrder: async () => {
        throw new Error('worker stopped');
      },
    };
    const dying = createOrderManager({
      api,
      store,
      clock: systemClock,
      newId: () => 'w1',
      maxAttempts: 1,
      backoffMs: () => 0,
    });
    // Its re-reads fail too (the worker is going down): the intent stays pending.
    s.sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/search' },
      effect: { type: 'http-error', status: 503 },
      schedule: { type: 'count', n: 6 },
    });
    const first = await dying.placeOrder({
      accountId: s.accountId,
      contractId: contract.id,
      type: OrderType.Market,
      side: OrderSide.Ask,
      size: 1,
    });
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    expect(await pendingIntents(store)).toHaveLength(1);

    const restarted = managerOver(s, store, 'x');
    await restarted.resumePending();
    await restarted.resumePending();
    expect(await pendingIntents(store)).toEqual([]);
    expect(s.sim.ledger.ordersWithTag(s.accountId, 'rg-w1')).toHaveLength(1);
  });
});
