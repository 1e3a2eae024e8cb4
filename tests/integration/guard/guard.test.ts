import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { defaultConfig } from '../../../src/core/rules/config/config-schema';
import { type GuardHarness, startGuard, waitFor } from './guard-harness';

let sim: Simulator | undefined;
let harness: GuardHarness | undefined;

afterEach(async () => {
  await harness?.stop();
  await sim?.stop();
  harness = undefined;
  sim = undefined;
});

function enforcingDailyLoss(limit: number) {
  const config = defaultConfig();
  config.defaultProfile.rules.dailyRealizedLoss = {
    ...config.defaultProfile.rules.dailyRealizedLoss,
    mode: 'enforce',
    limit,
  };
  return config;
}

describe('the guard against the simulator', () => {
  it('sees the accounts, flattens and locks the account after the daily loss limit, and re-flattens a new position', async () => {
    sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 1000 });
    harness = startGuard(sim);
    const { guard } = harness;
    await guard.start();
    expect((await guard.saveConfig(enforcingDailyLoss(100))).ok).toBe(true);
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    const accountId = sim.demo.accountIds[0] as number;
    await waitFor(() => guard.view().state.accounts[String(accountId)], 'the account from the reconcile');
    await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub');

    const mnq = sim.contracts.find((c) => c.id.includes('.MNQ.'));
    if (!mnq) throw new Error('no MNQ in the catalogue');
    sim.market.setPrice(mnq.id, 21000);
    sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
    await waitFor(() => guard.view().state.accounts[String(accountId)]?.positions[mnq.id], 'the open position');
    // 2 MNQ × 200 points × $2/point = $800 loss, over the $100 limit.
    sim.market.setPrice(mnq.id, 20800);
    sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Ask, size: 1 });

    await waitFor(() => sim?.ledger.truth(accountId).positions.length === 0, 'the account flat');
    await waitFor(() => guard.view().lockouts.some((l) => l.accountId === accountId), 'the lockout');

    // The trader opens again during the lockout: it is closed again.
    sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFor(() => sim?.ledger.truth(accountId).positions.length === 0, 'the new position closed');
    await guard.whenIdle(accountId);
    expect(sim.ledger.overCloses()).toEqual([]);
    const journal = await guard.journal.list({ accountId });
    expect(journal.some((e) => e.kind === 'lockout')).toBe(true);
  });
});
