import { describe, expect, it } from 'vitest';
import type { Account, Position, Trade } from '../../../../src/core/gateway/schemas';
import { createReconciler, type ReconcilerApi } from '../../../../src/core/realtime/reconciler';
import { createEmptyGuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';

/**
 * Found by tests/chaos/guard (REST failing 50 %): the reconciler returned every account's
 * differences at the end of the run, so a daily-loss breach REST showed on the first account
 * waited ~7 s for the retried reads of the second. With `onAccountEvents` each account's
 * differences leave as soon as that account is read.
 */
const NOW = Date.UTC(2026, 10, 25, 18, 0, 0);
const MNQ = 'CON.F.US.MNQ.Z26';
const acc = (id: number): Account => ({ id, name: `A${id}`, balance: 50_000, canTrade: true, isVisible: true });
const position = (accountId: number): Position => ({
  id: accountId,
  accountId,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  type: 1,
  size: 1,
  averagePrice: 21_000,
});
const trade = (accountId: number): Trade => ({
  id: accountId * 10,
  accountId,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  price: 20_800,
  profitAndLoss: -400,
  fees: 0.74,
  side: 1,
  size: 1,
  voided: false,
  orderId: accountId * 100,
});

function setup() {
  let releaseSecond: () => void = () => undefined;
  const secondGate = new Promise<void>((r) => {
    releaseSecond = r;
  });
  const wait = (accountId: number) => (accountId === 2 ? secondGate : Promise.resolve());
  const api = {
    searchAccounts: async () => [acc(1), acc(2)],
    searchOpenPositions: async (body: { accountId: number }) => {
      await wait(body.accountId);
      return [position(body.accountId)];
    },
    searchOpenOrders: async (body: { accountId: number }) => {
      await wait(body.accountId);
      return [];
    },
    searchTrades: async (body: { accountId: number }) => [trade(body.accountId)],
    searchOrders: async () => [],
  } as unknown as ReconcilerApi;
  const delivered: DomainEvent[][] = [];
  const reconciler = createReconciler({
    api,
    clock: { now: () => NOW },
    tradingDay: { previousReset: () => NOW - 3_600_000 },
    getState: () => createEmptyGuardState(NOW),
    onAccountEvents: (events) => delivered.push(events),
  });
  return { reconciler, delivered, releaseSecond: () => releaseSecond() };
}

describe('reconciler, per-account delivery', () => {
  it('delivers the first account’s differences while the second account’s reads are still pending', async () => {
    const { reconciler, delivered, releaseSecond } = setup();
    const running = reconciler.reconcile('poll');
    await new Promise((r) => setTimeout(r, 0));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.map((e) => e.kind)).toEqual(['account', 'position', 'trade']);
    expect(delivered[0]?.every((e) => e.source === 'reconcile')).toBe(true);

    releaseSecond();
    const result = await running;
    expect(delivered).toHaveLength(2);
    expect(delivered[1]?.find((e) => e.kind === 'trade')).toMatchObject({ trade: { accountId: 2 } });
    // Already delivered: not returned a second time.
    expect(result.events).toEqual([]);
    expect(result.summary.missed.trades).toBe(2);
  });
});
