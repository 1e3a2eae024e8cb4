import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlaceOrderRequest } from '../../../../src/core/gateway/api';
import { customTagFor } from '../../../../src/core/gateway/custom-tag';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import type { IntentRecord } from '../../../../src/core/gateway/intent-store';
import { createOrderManager, type OrderManagerOptions } from '../../../../src/core/gateway/order-manager';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { fakeAccountApi } from './fake-account-api';

/** The read-back of a placed order: an order is verified in the gateway's own lists after it is placed. */

const MNQ = 'CON.F.US.MNQ.Z25';
const ACCOUNT = 7;
const NOW = Date.parse('2026-11-25T15:00:00Z');
const stopSell: PlaceOrderRequest = { accountId: ACCOUNT, contractId: MNQ, type: 4, side: 1, size: 1, stopPrice: 99 };

function setup(overrides: Partial<OrderManagerOptions> = {}) {
  const fake = fakeAccountApi(ACCOUNT);
  const store = createMemoryStore();
  const journal = createMemoryJournal();
  let n = 0;
  const manager = createOrderManager({
    api: fake.api,
    store,
    journal,
    clock: { now: () => NOW },
    newId: () => `i${++n}`,
    backoffMs: () => 0,
    verifyDelaysMs: [0, 0, 0],
    ...overrides,
  });
  const reads = () => fake.calls.filter((c) => c.method === 'searchOpenOrders' || c.method === 'searchOrders');
  /** The order API answers with an id, but the order never shows in any list. */
  function placeAnswersWithPhantom(orderId: number) {
    fake.api.placeOrder = async (body, ctx) => {
      fake.calls.push({ method: 'placeOrder', body, ctx });
      return { orderId };
    };
  }
  return { fake, store, journal, manager, reads, placeAnswersWithPhantom };
}

async function intent(store: DurableStore): Promise<IntentRecord | undefined> {
  return (await store.getAll<IntentRecord>('intents'))[0]?.value;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('order manager: verifying an order after placement', () => {
  it('reads the placed order back once, by its id, in the reconciliation lane, and records it as verified', async () => {
    const { fake, store, journal, manager, reads } = setup();
    const outcome = await manager.placeOrder(stopSell, { lane: 'enforcement' });
    expect(outcome).toEqual({ status: 'done', orderId: 1001 });
    await manager.verificationsSettled();

    expect(reads().map((c) => `${c.method}:${c.ctx?.lane}`)).toEqual(['searchOpenOrders:reconciliation']);
    expect(reads()[0]?.body).toEqual({ accountId: ACCOUNT });
    expect(fake.count('placeOrder')).toBe(1);
    expect(await intent(store)).toMatchObject({
      state: 'resolved',
      outcome: { status: 'done', orderId: 1001, verified: true, orderStatus: OrderStatus.Open },
    });
    expect(journal.entries.filter((e) => e.kind === 'error')).toEqual([]);
  });

  it('finds an order that already filled in Order/search over a short window before the placement', async () => {
    const { fake, store, manager, reads } = setup({ verifyWindowMs: 60_000 });
    const place = fake.api.placeOrder;
    fake.api.placeOrder = async (body, ctx) => {
      const answer = await place(body, ctx);
      const order = fake.orders.find((o) => o.id === answer.orderId);
      if (order) order.status = OrderStatus.Filled;
      return answer;
    };
    await manager.placeOrder(stopSell);
    await manager.verificationsSettled();
    expect(reads().map((c) => c.method)).toEqual(['searchOpenOrders', 'searchOrders']);
    expect(reads()[1]?.body).toEqual({ accountId: ACCOUNT, startTimestamp: '2026-11-25T14:59:00.000Z' });
    expect((await intent(store))?.outcome).toMatchObject({ verified: true, orderStatus: OrderStatus.Filled });
  });

  it('never places again when the order cannot be found, but flags it unverified and journals an error', async () => {
    const { fake, store, journal, manager, reads, placeAnswersWithPhantom } = setup();
    placeAnswersWithPhantom(4242);
    const outcome = await manager.placeOrder(stopSell);
    expect(outcome).toEqual({ status: 'done', orderId: 4242 });
    await manager.verificationsSettled();

    expect(fake.count('placeOrder')).toBe(1);
    // Three bounded reads, each of the open list and then the recent orders.
    expect(reads().map((c) => c.method)).toEqual([
      'searchOpenOrders',
      'searchOrders',
      'searchOpenOrders',
      'searchOrders',
      'searchOpenOrders',
      'searchOrders',
    ]);
    const stored = await intent(store);
    expect(stored).toMatchObject({ state: 'resolved', outcome: { status: 'done', orderId: 4242, verified: false } });
    expect(stored?.outcome?.status === 'done' && stored.outcome.verifyNote).toContain('after 3 reads');
    const errors = journal.entries.filter((e) => e.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      accountId: ACCOUNT,
      data: { intentId: 'i1', orderId: 4242, verification: 'missing', reads: 3 },
    });
    expect(errors[0]?.message).toContain('placed order 4242 could not be verified');
    expect(errors[0]?.message).toContain('not placed again');
  });

  it('retries a verification read that fails transiently, within the bound, and then verifies', async () => {
    const { fake, store, journal, manager } = setup();
    fake.fail('searchOpenOrders', 'read-fail', 'read-fail');
    await manager.placeOrder(stopSell);
    await manager.verificationsSettled();
    expect(fake.count('searchOpenOrders')).toBe(3);
    expect(fake.count('placeOrder')).toBe(1);
    expect((await intent(store))?.outcome).toMatchObject({ verified: true, orderStatus: OrderStatus.Open });
    expect(journal.entries.filter((e) => e.kind === 'error')).toEqual([]);
  });

  it('stops after the bound when every verification read fails, flags the order and journals it as unreadable', async () => {
    const { fake, store, journal, manager } = setup();
    fake.fail('searchOpenOrders', 'read-fail', 'read-fail', 'read-fail', 'read-fail');
    await manager.placeOrder(stopSell);
    await manager.verificationsSettled();
    expect(fake.count('searchOpenOrders')).toBe(3);
    expect(fake.count('placeOrder')).toBe(1);
    expect((await intent(store))?.outcome).toMatchObject({ status: 'done', verified: false });
    const errors = journal.entries.filter((e) => e.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatchObject({ verification: 'unreadable', reads: 3 });
  });

  it('flags an order whose id carries another customTag', async () => {
    const { fake, store, journal, manager, placeAnswersWithPhantom } = setup();
    fake.addOrder({ id: 555, customTag: 'someone-else' });
    placeAnswersWithPhantom(555);
    await manager.placeOrder(stopSell);
    await manager.verificationsSettled();
    expect((await intent(store))?.outcome).toMatchObject({ verified: false });
    expect(journal.entries.filter((e) => e.kind === 'error')[0]?.data).toMatchObject({ verification: 'tag-mismatch' });
  });

  it('journals an order that the read-back shows as rejected', async () => {
    const { fake, store, journal, manager } = setup();
    const place = fake.api.placeOrder;
    fake.api.placeOrder = async (body, ctx) => {
      const answer = await place(body, ctx);
      const order = fake.orders.find((o) => o.id === answer.orderId);
      if (order) order.status = OrderStatus.Rejected;
      return answer;
    };
    await manager.placeOrder(stopSell);
    await manager.verificationsSettled();
    expect((await intent(store))?.outcome).toMatchObject({ verified: true, orderStatus: OrderStatus.Rejected });
    const errors = journal.entries.filter((e) => e.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('rejected');
  });

  it('does not read again an order it already found by its tag after an ambiguous failure', async () => {
    const { fake, store, manager } = setup();
    fake.fail('placeOrder', 'apply-then-fail');
    await manager.placeOrder(stopSell);
    await manager.verificationsSettled();
    expect(fake.calls.map((c) => c.method)).toEqual(['placeOrder', 'searchOrders']);
    expect((await intent(store))?.outcome).toMatchObject({ verified: true, orderStatus: OrderStatus.Open });
  });

  it("answers the enforcer's stop placement before the read-back runs", async () => {
    vi.useFakeTimers();
    const { fake, store, manager, reads } = setup({ verifyDelaysMs: [250, 750, 2000] });
    const outcome = await manager.placeOrder(stopSell, { lane: 'enforcement' });
    expect(outcome).toEqual({ status: 'done', orderId: 1001 });
    expect(reads()).toEqual([]);
    expect((await intent(store))?.outcome).not.toHaveProperty('verified');
    await vi.advanceTimersByTimeAsync(249);
    expect(reads()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await manager.verificationsSettled();
    expect(reads()).toHaveLength(1);
    expect(fake.count('placeOrder')).toBe(1);
    expect((await intent(store))?.outcome).toMatchObject({ verified: true });
  });

  it('turns the read-back off with an empty delay list', async () => {
    const { manager, reads } = setup({ verifyDelaysMs: [] });
    await manager.placeOrder(stopSell);
    await manager.verificationsSettled();
    expect(reads()).toEqual([]);
  });
});

/** A place the previous worker resolved done with an order id, then stopped before its read-back recorded anything. */
function cutShortPlacement(orderId: number): IntentRecord {
  return {
    id: 'p1',
    action: { kind: 'place', request: stopSell, customTag: customTagFor('p1') },
    lane: 'enforcement',
    createdAt: NOW - 5_000,
    updatedAt: NOW - 4_900,
    attempts: 1,
    state: 'resolved',
    outcome: { status: 'done', orderId },
  };
}

describe('order manager: a read-back cut short by a stopped worker', () => {
  it('reads the order back after the restart and records it as verified, placing nothing', async () => {
    const { fake, store, manager, reads } = setup();
    fake.addOrder({ id: 2001, customTag: customTagFor('p1') });
    await store.put('intents', 'p1', cutShortPlacement(2001));
    expect(await manager.resumePending()).toEqual([]);
    await manager.verificationsSettled();
    expect(reads()).toHaveLength(1);
    expect(fake.count('placeOrder')).toBe(0);
    expect(await intent(store)).toMatchObject({
      state: 'resolved',
      outcome: { status: 'done', orderId: 2001, verified: true, orderStatus: OrderStatus.Open },
    });
  });

  it('flags the order and journals it when the restarted read-back cannot find it, and never re-places it', async () => {
    const { fake, store, journal, manager } = setup();
    await store.put('intents', 'p1', cutShortPlacement(2002));
    await manager.resumePending();
    await manager.verificationsSettled();
    expect(fake.count('placeOrder')).toBe(0);
    expect((await intent(store))?.outcome).toMatchObject({ status: 'done', orderId: 2002, verified: false });
    expect(journal.entries.filter((e) => e.kind === 'error')[0]?.data).toMatchObject({
      intentId: 'p1',
      verification: 'missing',
    });
  });

  it('leaves alone placements already verified or flagged', async () => {
    const { store, manager, reads } = setup();
    const verified = cutShortPlacement(2003);
    verified.outcome = { status: 'done', orderId: 2003, verified: true, orderStatus: OrderStatus.Filled };
    const flagged = { ...cutShortPlacement(2004), id: 'p2' };
    flagged.outcome = { status: 'done', orderId: 2004, verified: false, verifyNote: 'missing' };
    await store.put('intents', verified.id, verified);
    await store.put('intents', flagged.id, flagged);
    await manager.resumePending();
    await manager.verificationsSettled();
    expect(reads()).toEqual([]);
  });

  it('runs one read-back per order when resumed while its check is still waiting', async () => {
    vi.useFakeTimers();
    const { fake, store, manager, reads } = setup({ verifyDelaysMs: [250, 750, 2000] });
    await manager.placeOrder(stopSell, { lane: 'enforcement' });
    await manager.resumePending(); // e.g. the guard's start-up resume racing a fresh placement
    await vi.advanceTimersByTimeAsync(250);
    await manager.verificationsSettled();
    expect(reads()).toHaveLength(1);
    expect(fake.count('placeOrder')).toBe(1);
    expect((await intent(store))?.outcome).toMatchObject({ verified: true });
  });
});

describe('order manager: which client verifies', () => {
  it('reads back through the verification client when one is given, never through the action client', async () => {
    const readsVia = fakeAccountApi(ACCOUNT);
    const { fake, manager } = setup({ verifyApi: readsVia.api });
    await manager.placeOrder(stopSell, { lane: 'enforcement' });
    await manager.verificationsSettled();
    const verifyReads = (calls: typeof fake.calls) =>
      calls.filter(
        (c) => (c.method === 'searchOpenOrders' || c.method === 'searchOrders') && c.ctx?.lane === 'reconciliation',
      );
    expect(verifyReads(readsVia.calls).length).toBeGreaterThan(0);
    expect(verifyReads(fake.calls)).toHaveLength(0);
  });
});
