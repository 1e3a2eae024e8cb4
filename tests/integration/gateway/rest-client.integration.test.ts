import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../src/core/gateway/enums';
import type { Contract } from '../../../src/core/gateway/schemas';
import { GatewayError } from '../../../src/core/resilience/errors';
import { dayStart, lastHourBars, type Stack, startStack } from './harness';

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a failure');
}

let stack: Stack;
let contract: Contract;

beforeEach(async () => {
  stack = await startStack();
  const first = stack.sim.contracts[0];
  if (!first) throw new Error('no contracts');
  contract = first;
});
afterEach(async () => {
  await stack.stop();
});

describe('REST client against the simulator', () => {
  it('round-trips and parses every endpoint', async () => {
    const { api, accountId, sim } = stack;
    const accounts = await api.searchAccounts({ onlyActiveAccounts: true });
    expect(accounts.map((a) => a.id)).toContain(accountId);
    const found = await api.searchContracts({ searchText: contract.name, live: false });
    expect(found.map((c) => c.id)).toContain(contract.id);
    expect((await api.contractById({ contractId: contract.id })).id).toBe(contract.id);
    expect((await api.availableContracts({ live: false })).length).toBeGreaterThan(0);
    const bars = await api.retrieveBars(lastHourBars(contract.id));
    expect(Array.isArray(bars)).toBe(true);
    await api.ping();

    const { orderId } = await api.placeOrder({
      accountId,
      contractId: contract.id,
      type: OrderType.Market,
      side: OrderSide.Bid,
      size: 3,
      customTag: 'it-round-trip',
    });
    const orders = await api.searchOrders({ accountId, startTimestamp: dayStart() });
    expect(orders.find((o) => o.id === orderId)?.customTag).toBe('it-round-trip');
    const positions = await api.searchOpenPositions({ accountId });
    expect(positions.find((p) => p.contractId === contract.id)).toMatchObject({ type: PositionType.Long, size: 3 });
    expect((await api.searchTrades({ accountId, startTimestamp: dayStart() })).length).toBeGreaterThan(0);
    await api.partialClosePosition({ accountId, contractId: contract.id, size: 1 });
    expect((await api.searchOpenPositions({ accountId }))[0]?.size).toBe(2);
    await api.closePosition({ accountId, contractId: contract.id });
    expect(await api.searchOpenPositions({ accountId })).toEqual([]);

    const resting = await api.placeOrder({
      accountId,
      contractId: contract.id,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 1,
      limitPrice: sim.market.price(contract.id) - 50 * contract.tickSize,
    });
    const newPrice = sim.market.price(contract.id) - 60 * contract.tickSize;
    await api.modifyOrder({ accountId, orderId: resting.orderId, limitPrice: newPrice });
    const open = await api.searchOpenOrders({ accountId });
    expect(open.find((o) => o.id === resting.orderId)?.limitPrice).toBeCloseTo(newPrice);
    await api.cancelOrder({ accountId, orderId: resting.orderId });
    const after = await api.searchOrders({ accountId, startTimestamp: dayStart() });
    expect(after.find((o) => o.id === resting.orderId)?.status).toBe(OrderStatus.Cancelled);
  });

  it('refreshes a revoked token on 401 and replays the call once', async () => {
    const { api, accountId, sim, tokens } = stack;
    const before = tokens.expiresAt();
    sim.faults.revokeTokens();
    sim.requests.clear();
    await expect(api.searchOpenPositions({ accountId })).resolves.toEqual([]);
    const statuses = sim.requests
      .list()
      .map((r) => `${r.endpoint}:${r.httpStatus}`)
      .filter((s) => !s.startsWith('/api/Auth/validate'));
    expect(statuses).toEqual([
      '/api/Position/searchOpen:401',
      '/api/Auth/loginKey:200',
      '/api/Position/searchOpen:200',
    ]);
    expect(tokens.expiresAt()).toBeGreaterThanOrEqual(before ?? 0);
  });

  it('replays a place refused with 401 once, and the gateway holds exactly one order', async () => {
    const { api, accountId, sim } = stack;
    sim.faults.revokeTokens();
    const { orderId } = await api.placeOrder({
      accountId,
      contractId: contract.id,
      type: OrderType.Market,
      side: OrderSide.Bid,
      size: 1,
      customTag: 'after-401',
    });
    expect(sim.ledger.ordersWithTag(accountId, 'after-401').map((o) => o.id)).toEqual([orderId]);
    expect(sim.requests.list('/api/Order/place').map((r) => r.httpStatus)).toEqual([401, 200]);
  });

  it('keeps working when the token expires and is refreshed before use', async () => {
    await stack.stop();
    stack = await startStack({ sim: { tokenLifetimeSec: 2 }, refreshBufferMs: 1_000 });
    const { api, accountId, sim } = stack;
    for (let i = 0; i < 6; i++) {
      await api.searchOpenOrders({ accountId });
      await new Promise((r) => setTimeout(r, 400));
    }
    const refreshes = sim.requests.list().filter((r) => r.endpoint.startsWith('/api/Auth/'));
    expect(refreshes.length).toBeGreaterThanOrEqual(2);
    expect(sim.requests.list().filter((r) => r.httpStatus === 401)).toEqual([]);
  });

  it('maps business errors: a refused place is permanent with its code, "unknown" is outcome-unknown', async () => {
    const { api, accountId, sim } = stack;
    const order = { accountId, contractId: contract.id, type: OrderType.Market, side: OrderSide.Ask, size: 1 };
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/place' },
      effect: { type: 'business-error', errorCode: 5, errorMessage: 'Outside trading hours' },
      schedule: { type: 'once' },
    });
    const refusedPlace = await failure(api.placeOrder(order));
    expect(refusedPlace).toMatchObject({ kind: 'permanent', errorCode: 5 });
    expect(refusedPlace.message).toContain('Outside trading hours');
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/closeContract' },
      effect: { type: 'business-error', errorCode: 7, errorMessage: 'Unknown' },
      schedule: { type: 'once' },
    });
    expect((await failure(api.closePosition({ accountId, contractId: contract.id }))).kind).toBe('outcome-unknown');
    // The simulator's own refusal: a duplicate customTag is rejected (code 2), not placed twice.
    await api.placeOrder({ ...order, customTag: 'dup' });
    expect(await failure(api.placeOrder({ ...order, customTag: 'dup' }))).toMatchObject({ kind: 'permanent' });
    expect(sim.ledger.ordersWithTag(accountId, 'dup')).toHaveLength(1);
  });

  it('reports a place whose answer was lost as outcome-unknown while the ledger shows it applied', async () => {
    const { api, accountId, sim } = stack;
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/place' },
      effect: { type: 'apply-then-fail' },
      schedule: { type: 'once' },
    });
    const error = await failure(
      api.placeOrder({
        accountId,
        contractId: contract.id,
        type: OrderType.Market,
        side: OrderSide.Bid,
        size: 1,
        customTag: 'lost-answer',
      }),
    );
    expect(error.kind).toBe('outcome-unknown');
    expect(sim.ledger.ordersWithTag(accountId, 'lost-answer')).toHaveLength(1);
  });

  it('maps a hung mutation to outcome-unknown after the request timeout, and a 429 to rate-limited', async () => {
    await stack.stop();
    stack = await startStack({ timeoutMs: 300 });
    const { api, accountId, sim } = stack;
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/cancel' },
      effect: { type: 'timeout' },
      schedule: { type: 'once' },
    });
    expect((await failure(api.cancelOrder({ accountId, orderId: 1 }))).kind).toBe('outcome-unknown');
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/modify' },
      effect: { type: 'rate-limit', retryAfterSec: 1 },
      schedule: { type: 'once' },
    });
    const limited = await failure(api.modifyOrder({ accountId, orderId: 1, size: 2 }));
    expect(limited).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1000 });
  });

  it('retries a read through a transient 503 (executor) and returns the answer', async () => {
    const { api, accountId, sim } = stack;
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/searchOpen' },
      effect: { type: 'http-error', status: 503 },
      schedule: { type: 'once' },
    });
    await expect(api.searchOpenOrders({ accountId })).resolves.toEqual([]);
    expect(sim.requests.list('/api/Order/searchOpen').map((r) => r.httpStatus)).toEqual([503, 200]);
  });
});
