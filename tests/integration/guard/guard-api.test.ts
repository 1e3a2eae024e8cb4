import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import {
  appliedCloses,
  expectCleanEnd,
  MES,
  MNQ,
  rigPerTest,
  waitFlat,
  waitSubscribed,
} from '../../chaos/guard/guard-chaos-kit';
import { type GuardHarness, startGuard, waitFor } from './guard-harness';

const rigs = rigPerTest();
// The specs of a guard before or without a signed-in rig start their own simulator and guard.
let sim: Simulator | undefined;
let harness: GuardHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  await sim?.stop();
  harness = undefined;
  sim = undefined;
});

describe('the guard’s surface for the worker and the views', () => {
  it('reports no credentials before setup, then the user name (never the key), and tests the connection', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    harness = startGuard(sim);
    const { guard } = harness;
    await guard.start();
    await guard.start(); // idempotent
    expect(guard.credentials()).toEqual({ configured: false, userName: null });
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    expect(guard.credentials()).toEqual({ configured: true, userName: sim.demo.userName });
    expect(await guard.testConnection()).toEqual({
      ok: true,
      message: 'Connected: 2 active account(s)',
      accountCount: 2,
    });
    const accounts = await guard.listAccounts();
    expect(accounts.map((a) => a.id).sort()).toEqual([...sim.demo.accountIds].sort());
    const everything = JSON.stringify({ view: guard.view(), journal: harness.journal.entries });
    expect(everything).not.toContain(sim.demo.apiKey);
  });

  it('says why the connection test failed', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    harness = startGuard(sim, { tuning: { requestTimeoutMs: 1000 } });
    const { guard } = harness;
    await guard.start();
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'business-error', errorCode: 1, errorMessage: 'Account search refused' },
      schedule: { type: 'always' },
    });
    const result = await guard.testConnection();
    expect(result.ok).toBe(false);
    expect(result.accountCount).toBeNull();
    expect(result.message).not.toBe('');
  });

  it('flattens every account on the trader’s own Flatten, through the same enforcer, once', async () => {
    const rig = await rigs.start();
    const { sim: s, harness: h, accountId } = rig;
    const other = s.demo.accountIds[1] as number;
    let notified = 0;
    const off = h.guard.subscribe(() => (notified += 1));
    s.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
    s.trader.placeOrder(other, { contractId: MES, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
    s.trader.placeOrder(other, {
      contractId: MES,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 1,
      limitPrice: 5_000,
    });
    await waitFor(() => h.guard.view().state.accounts[String(other)]?.positions[MES], 'the positions seen');
    const asked = await h.guard.flatten('all', 'popup button');
    expect(asked.sort()).toEqual([...s.demo.accountIds].sort());
    await waitFlat(s, accountId);
    await waitFlat(s, other);
    await h.guard.whenIdle();
    expect(appliedCloses(s, accountId)).toHaveLength(1);
    expect(appliedCloses(s, other)).toHaveLength(1);
    // A manual flatten locks nothing.
    expect(h.guard.view().lockouts).toEqual([]);
    expect(notified).toBeGreaterThan(0);
    off();
    await expectCleanEnd(rig, accountId);
    await expectCleanEnd(rig, other);
  });

  it('runs its watchdog: starts a stopped guard, reconciles a connected one, and flushes', async () => {
    sim = await startSimulator({ priceTickMs: 0 });
    harness = startGuard(sim);
    const { guard } = harness;
    await guard.watchdog(); // not started yet: starts
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    const accountId = sim.demo.accountIds[0] as number;
    await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub');
    await waitFor(() => guard.view().state.accounts[String(accountId)], 'the account');
    await waitSubscribed(sim, accountId);
    await guard.reconcile('test: start-up settled');
    // A change the hubs never told (lost message): the watchdog's reconcile finds it.
    sim.faults.add({ target: { kind: 'hub', hub: 'user' }, effect: { type: 'lose' }, schedule: { type: 'always' } });
    const orderId = sim.trader.placeOrder(accountId, {
      contractId: MNQ,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 1,
      limitPrice: 20_000,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(guard.view().state.accounts[String(accountId)]?.orders[orderId]).toBeUndefined();
    await guard.watchdog();
    expect(guard.view().state.accounts[String(accountId)]?.orders[orderId]).toBeDefined();
    await guard.flush();
    expect(guard.view().parser).toBeDefined();
    expect(guard.view().enforcement(accountId)).toEqual({ state: 'idle' });
  });
});
