import { describe, expect, it } from 'vitest';
import { customTagFor } from '../../../../src/core/gateway/custom-tag';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import type { IntentRecord } from '../../../../src/core/gateway/intent-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { ACCOUNT, intents, MNQ, marketBuy, setup } from './order-manager-fixture';

describe('order manager: lanes, fills, journal, restarts', () => {
  it('runs actions in the routine lane and re-reads in reconciliation unless the enforcer calls', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ);
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ, { lane: 'enforcement' });
    expect(fake.calls.map((c) => `${c.method}:${c.ctx?.lane}`)).toEqual([
      'searchOpenPositions:reconciliation',
      'closePosition:routine',
      'searchOpenPositions:enforcement',
      'closePosition:enforcement',
    ]);
  });

  it('tracks partial fills from order updates, never lowering the filled volume', () => {
    const { manager } = setup();
    const base = { id: 9, size: 10, status: OrderStatus.Open };
    expect(manager.handleOrderUpdate({ ...base, fillVolume: 5 } as never)).toEqual({
      filled: 5,
      size: 10,
      isPartial: true,
      fraction: 0.5,
    });
    manager.handleOrderUpdate({ ...base, fillVolume: 3 } as never);
    expect(manager.fillStatus(9)?.filled).toBe(5);
    manager.handleOrderUpdate({ ...base, status: OrderStatus.Filled, fillVolume: null } as never);
    expect(manager.fillStatus(9)).toEqual({ filled: 10, size: 10, isPartial: false, fraction: 1 });
    expect(manager.fillStatus(404)).toBeUndefined();
  });

  it('still reports a done action when the journal append fails', async () => {
    const { fake, make } = setup();
    const manager = make({
      journal: {
        append: async () => {
          throw new Error('quota exceeded');
        },
        list: async () => [],
      },
    });
    fake.setPosition(MNQ, 1);
    expect(await manager.closePosition(ACCOUNT, MNQ)).toEqual({ status: 'done' });
  });

  it('prunes resolved intents after their retention, so the store does not grow for ever', async () => {
    let now = Date.parse('2026-11-25T15:00:00Z');
    const { fake, store, make } = setup();
    const manager = make({ clock: { now: () => now } });
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ);
    expect(await manager.pruneResolved()).toBe(0);
    now += 8 * 24 * 60 * 60 * 1000;
    expect(await manager.pruneResolved()).toBe(1);
    expect(await intents(store)).toEqual([]);
  });

  it('journals every resolved action without secrets', async () => {
    const { fake, journal, manager } = setup();
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ);
    expect(journal.entries).toHaveLength(1);
    expect(journal.entries[0]).toMatchObject({ kind: 'action', accountId: ACCOUNT, message: 'close done' });
  });

  it('keeps the intent pending when even the final re-read fails, and a restarted worker resolves it once', async () => {
    const { fake, store, manager, make } = setup({ maxAttempts: 2 });
    fake.fail('placeOrder', 'apply-then-fail');
    fake.fail('searchOrders', 'read-fail', 'read-fail', 'read-fail');
    const first = await manager.placeOrder(marketBuy);
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    expect((await intents(store))[0]?.state).toBe('pending');

    const restarted = make();
    const resumed = await restarted.resumePending();
    expect(resumed).toEqual([{ intentId: 'i1', outcome: expect.objectContaining({ status: 'done', orderId: 1001 }) }]);
    expect(await restarted.resumePending()).toEqual([]);
    expect(fake.count('placeOrder')).toBe(1);
    expect(fake.orders).toHaveLength(1);
  });

  it('resumes an intent whose worker died mid-request: looks the tag up first, then places once', async () => {
    const store = createMemoryStore();
    const crashed: IntentRecord = {
      id: 'i9',
      action: { kind: 'place', request: marketBuy, customTag: customTagFor('i9') },
      lane: 'routine',
      createdAt: Date.parse('2026-11-25T14:59:00Z'),
      updatedAt: Date.parse('2026-11-25T14:59:00Z'),
      attempts: 1,
      state: 'pending',
    };
    await store.put('intents', crashed.id, crashed);
    const { fake, manager } = setup({}, { store });
    const resumed = await manager.resumePending();
    expect(resumed).toHaveLength(1);
    expect(fake.calls.map((c) => c.method)).toEqual(['searchOrders', 'searchOpenOrders', 'placeOrder']);
    expect(fake.orders.map((o) => o.customTag)).toEqual(['rg-i9']);
    expect((await intents(store))[0]).toMatchObject({ state: 'resolved', attempts: 2 });
  });

  it('resumes a pending reduction toward the size fixed before the restart', async () => {
    const store = createMemoryStore();
    await store.put('intents', 'r1', {
      id: 'r1',
      action: {
        kind: 'reduce',
        accountId: ACCOUNT,
        contractId: MNQ,
        size: 2,
        target: { remaining: 3, positionType: 1 },
      },
      lane: 'enforcement',
      createdAt: 0,
      updatedAt: 0,
      attempts: 1,
      state: 'pending',
    } satisfies IntentRecord);
    const { fake, manager } = setup({}, { store });
    fake.setPosition(MNQ, 4); // one contract of the two already closed before the crash
    await manager.resumePending();
    expect(fake.position(MNQ)).toBe(3);
    expect(fake.closes).toEqual([{ contractId: MNQ, requested: 1, openBefore: 4 }]);
    expect(fake.calls.every((c) => c.ctx?.lane === 'enforcement')).toBe(true);
  });
});
