import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../src/core/gateway/schemas';
import { Lane } from '../../../../src/core/resilience/lanes';
import { account, accountState, ES, guardState, MNQ, order, position, setup, trade } from './reconciler-fixture';

describe('createReconciler: how it reads (lane, accounts, scope, failures, coalescing)', () => {
  it('reads everything in the reconciliation lane', async () => {
    const state = guardState({ '7': accountState({ orders: { '1': order(1) } }) });
    const { reconciler, fake } = setup({}, state);
    await reconciler.reconcile('reconnect');
    expect(fake.calls.length).toBeGreaterThanOrEqual(5);
    for (const call of fake.calls) expect(call.lane).toBe(Lane.Reconciliation);
  });

  it('limits itself to the accounts asked for', async () => {
    const other: Account = { ...account, id: 8 };
    const { reconciler, fake } = setup({ accounts: [account, other] }, guardState({}));
    const { events } = await reconciler.reconcile('enforcement', [8]);
    expect(events.map((e) => (e.kind === 'account' ? e.account.id : null))).toEqual([8]);
    expect(fake.calls.filter((c) => c.endpoint === 'positions').map((c) => c.body)).toEqual([{ accountId: 8 }]);
  });

  it('in the light polling scope reads trades only when positions changed', async () => {
    const state = guardState({ '7': accountState({ positions: { [MNQ]: position(MNQ, 1) } }) });
    const { reconciler, fake, truth } = setup({ positions: [position(MNQ, 1)], trades: [trade(9, 50)] }, state);
    await reconciler.reconcile('poll', undefined, { scope: 'positions-orders' });
    expect(fake.calls.some((c) => c.endpoint === 'trades')).toBe(false);
    truth.positions = [];
    const { events } = await reconciler.reconcile('poll', undefined, { scope: 'positions-orders' });
    expect(events.map((e) => e.kind)).toEqual(['position', 'trade']);
  });

  it('in the light polling scope also reads trades when only the balance moved (a voided trade)', async () => {
    const loss = trade(9, -60);
    const state = guardState({
      '7': accountState({ positions: { [MNQ]: position(MNQ, 1) }, trades: { '9': loss }, grossRealizedPnl: -60 }),
    });
    const voided = { ...loss, voided: true };
    const { reconciler, truth } = setup(
      { accounts: [{ ...account, balance: 50_060 }], positions: [position(MNQ, 1)], trades: [voided] },
      state,
    );
    const { events } = await reconciler.reconcile('poll', undefined, { scope: 'positions-orders' });
    expect(events.map((e) => e.kind)).toEqual(['account', 'trade']);
    expect(events[1]).toMatchObject({ kind: 'trade', trade: { id: 9, voided: true } });
    expect(truth.trades).toHaveLength(1);
  });

  it('in the trades scope reads the accounts and the day’s trades only, and emits the trades the hub missed', async () => {
    const state = guardState({
      '7': accountState({ positions: { [MNQ]: position(MNQ, 1) }, orders: { '1': order(1) } }),
    });
    const { reconciler, fake, journal } = setup({ positions: [], open: [], trades: [trade(9, 50)] }, state);
    const { events, summary } = await reconciler.reconcile('daily-loss-audit', [7], { scope: 'trades' });
    expect(fake.calls.map((c) => c.endpoint).sort()).toEqual(['accounts', 'trades']);
    // The position and the order REST no longer lists are left to the full passes.
    expect(events.map((e) => e.kind)).toEqual(['trade']);
    expect(summary.missed.trades).toBe(1);
    expect(journal.entries.map((e) => e.message)).toEqual(['trade 9 missed by the hub']);
  });

  it('a queued trades-only run merged with a light pass reads everything', async () => {
    const state = guardState({ '7': accountState({ positions: { [MNQ]: position(MNQ, 1) } }) });
    const { reconciler, fake } = setup({ positions: [position(MNQ, 1)], trades: [trade(9, 50)] }, state);
    const release = fake.hold();
    const first = reconciler.reconcile('a');
    const second = reconciler.reconcile('poll', undefined, { scope: 'positions-orders' });
    void reconciler.reconcile('audit', [7], { scope: 'trades' });
    release();
    await first;
    const callsBefore = fake.calls.length;
    const { events } = await second;
    const queued = fake.calls.slice(callsBefore).map((c) => c.endpoint);
    expect(queued).toContain('positions');
    expect(queued).toContain('trades');
    // The light pass alone would not read trades (nothing moved); the audit's part does.
    expect(events.map((e) => e.kind)).toEqual(['trade']);
  });

  it('keeps other accounts’ differences when one account’s reads fail', async () => {
    const other: Account = { ...account, id: 8 };
    const { reconciler, fake, journal } = setup(
      { accounts: [account, other], positions: [{ ...position(ES, 1), accountId: 8 }] },
      guardState({}),
    );
    const original = fake.api.searchOpenPositions;
    fake.api.searchOpenPositions = async (body, ctx) => {
      if (body.accountId === 7) throw new Error('503');
      return original(body, ctx);
    };
    const { events, summary } = await reconciler.reconcile('reconnect');
    expect(summary.failedAccounts).toEqual([7]);
    expect(events.some((e) => e.kind === 'position' && e.position.accountId === 8)).toBe(true);
    expect(journal.entries.some((e) => e.kind === 'error' && e.accountId === 7)).toBe(true);
  });

  it('coalesces concurrent calls: one in flight, one queued that covers every later caller', async () => {
    const { reconciler, fake } = setup({}, guardState({}));
    const release = fake.hold();
    const first = reconciler.reconcile('a');
    const second = reconciler.reconcile('b');
    const third = reconciler.reconcile('c');
    expect(second).toBe(third);
    release();
    const [r1, r2, r3] = await Promise.all([first, second, third]);
    expect(r1.summary.reason).toBe('a');
    expect(r2.summary.reason).toBe('b+c');
    expect(r3).toBe(r2);
    expect(fake.calls.filter((c) => c.endpoint === 'accounts')).toHaveLength(2);
    // After the queue drained a new call starts a fresh run.
    const r4 = await reconciler.reconcile('d');
    expect(r4.summary.reason).toBe('d');
  });

  it('rejects when the accounts cannot be read, and recovers on the next call', async () => {
    const { reconciler, fake } = setup({}, guardState({}));
    const original = fake.api.searchAccounts;
    fake.api.searchAccounts = async () => {
      throw new Error('network');
    };
    await expect(reconciler.reconcile('a')).rejects.toThrow('network');
    fake.api.searchAccounts = original;
    await expect(reconciler.reconcile('b')).resolves.toMatchObject({ summary: { reason: 'b', accounts: 1 } });
  });
});
