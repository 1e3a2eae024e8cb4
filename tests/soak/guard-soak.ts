import { defaultConfig } from '../../src/core/rules/config/config-schema';
import { createTradingDayClock } from '../../src/core/state/trading-day';
import { type LedgerComparison, runTraffic, settleAgainstLedger } from '../chaos/guard/guard-traffic';
import { startGuard, waitFor } from '../integration/guard/guard-harness';
import { MES, MNQ } from '../integration/realtime/harness';
import { startSimulator } from '../sim/index';

/**
 * Full-length variant of tests/chaos/guard/data-loss.chaos.test.ts: the WHOLE guard (production
 * timings: 0, 2, 10, 30, 60 s reconnects, 5 s REST polling while blind, real rate limits)
 * against a trader generating ~60 hub events/s on both demo accounts for `minutes`, with both
 * hubs' sockets dropped at 0.1/s and 5 % of user-hub messages lost. Afterwards the network
 * heals, the worker's 30-s watchdog alarm runs as it would, and every account must equal the
 * ledger exactly (positions, working orders, the day's trades, realized P&L and fees to the cent).
 */
export interface GuardSoakResult {
  summary: string;
  mismatched: LedgerComparison[];
}

export async function run(options: { minutes?: number; seed?: number } = {}): Promise<GuardSoakResult> {
  const minutes = options.minutes ?? 30;
  const seed = options.seed ?? 11;
  const day = createTradingDayClock();
  const endsAt = Date.now() + minutes * 60_000 + 5 * 60_000;
  if (day.nextReset(Date.now()) < endsAt) {
    // The guard keeps the trading day's trades only: a run across 17:00 Chicago cannot be
    // compared trade by trade with the ledger's all-time list.
    throw new Error(`guard soak: the ${minutes}-min run would cross the 17:00 Chicago reset; run it at another time`);
  }
  const sim = await startSimulator({ seed, priceTickMs: 0 });
  // Production timings: no tuning but the defaults.
  const harness = startGuard(sim, {
    tuning: {
      pollIntervalMs: 5000,
      settleMs: 300,
      reconnectDelaysMs: [0, 2000, 10_000, 30_000, 60_000],
      foreverDelayMs: 60_000,
    },
  });
  const { guard } = harness;
  try {
    await guard.start();
    const saved = await guard.saveConfig(defaultConfig());
    if (!saved.ok) throw new Error('guard soak: the default config was refused');
    await guard.setCredentials(sim.demo.userName, sim.demo.apiKey);
    await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub', 30_000);
    sim.market.setPrice(MNQ, 21_000);
    sim.market.setPrice(MES, 6_000);
    const startedAt = Date.now();
    const traffic = await runTraffic(sim, {
      seconds: minutes * 60,
      eventsPerSecond: 60,
      dropsPerSecond: 0.1,
      loseProbability: 0.05,
      seed,
      contracts: [MNQ, MES],
    });
    sim.faults.clear();
    await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub after the run', 120_000);
    const result = await settleAgainstLedger(guard, sim, { timeoutMs: 120_000, watchdogEveryMs: 30_000 });
    const mismatched = result.filter((r) => !r.equal);
    const trades = result.reduce((n, r) => n + r.truth.tradeIds.length, 0);
    const missed = harness.journal.entries.filter((e) => e.kind === 'missed-event').length;
    const summary =
      `guard soak: ${minutes} min (${Math.round((Date.now() - startedAt) / 1000)} s wall), ${traffic.traderActions} trader actions, ` +
      `${trades} trades, ${traffic.drops} socket drops, ${traffic.lost} lost hub messages, ${missed} differences found by ` +
      `reconciliation, ${sim.rateLimits.rejected()} requests rate-limited by the gateway, ` +
      `${mismatched.length} accounts off the ledger`;
    return { summary, mismatched };
  } finally {
    await harness.stop().catch(() => undefined);
    await sim.stop();
  }
}
