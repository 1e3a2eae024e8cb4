import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/rules/config/config-schema';
import { realizedPnl } from '../../../src/core/state/selectors';
import { waitFor } from '../../integration/guard/guard-harness';
import { MES, MNQ, rigPerTest } from './guard-chaos-kit';
import { runTraffic, settleAgainstLedger } from './guard-traffic';

const rigs = rigPerTest();

// Not a rate-limit test: the compressed run squeezes minutes of reconciles into seconds.
const roomy = { general: { limit: 100_000, windowMs: 60_000 }, bars: { limit: 100_000, windowMs: 30_000 } };

describe('the composed guard under a busy trader and a bad network', () => {
  it('ends equal to the ledger (positions, orders, trades, realized P&L, fees and commissions to the cent) after drops and 5 % lost hub messages', async () => {
    const rig = await rigs.start({
      sim: { seed: 23, rateLimits: roomy },
      // Every rule in its default mode (monitor or off): the whole pipeline runs, nothing is closed.
      config: defaultConfig(),
      // The limiter counts `max` per window; the simulator's option says `limit`.
      harness: {
        tuning: {
          rateLimits: {
            general: { max: roomy.general.limit, windowMs: roomy.general.windowMs },
            bars: { max: roomy.bars.limit, windowMs: roomy.bars.windowMs },
          },
        },
      },
    });
    const { sim, harness } = rig;
    const startBalances = sim.demo.accountIds.map((id) => sim.ledger.truth(id).account.balance);
    // ~60 hub events/s for 10 s; the drop rate is compressed ×5 (0.1/s → 0.5/s).
    const report = await runTraffic(sim, {
      seconds: 10,
      eventsPerSecond: 60,
      dropsPerSecond: 0.5,
      loseProbability: 0.05,
      seed: 5,
      contracts: [MNQ, MES],
    });
    expect(report.lost).toBeGreaterThan(0);
    expect(report.drops).toBeGreaterThan(0);
    sim.faults.clear();
    await waitFor(() => harness.guard.view().health.user.status === 'connected', 'the user hub after the run', 10_000);

    const result = await settleAgainstLedger(harness.guard, sim, { timeoutMs: 12_000, watchdogEveryMs: 2000 });
    for (const r of result) {
      expect(r.truth.tradeIds.length).toBeGreaterThan(10);
      expect(r.picture).toEqual(r.truth);
      expect(r.truth.commissions).toBeGreaterThan(0);
    }
    // The guard's realized P&L (fees and commissions counted, the default) is what the
    // platform's balance did: P&L minus fees minus commissions, to the cent.
    for (const [k, id] of sim.demo.accountIds.entries()) {
      const account = harness.guard.view().state.accounts[String(id)];
      const net = account ? Math.round(realizedPnl(account, harness.guard.view().config) * 100) / 100 : null;
      const moved = Math.round((sim.ledger.truth(id).account.balance - (startBalances[k] ?? 0)) * 100) / 100;
      expect(net).toBe(moved);
    }
    // The guard itself placed and closed nothing.
    expect(sim.requests.list('/api/Position/closeContract')).toEqual([]);
    expect(sim.requests.list('/api/Order/place')).toEqual([]);
  });
});
