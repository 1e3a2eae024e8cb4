import { describe, expect, it } from 'vitest';
import { run as guardSoak } from './guard-soak';
import { run as realtimeSoak } from './realtime-soak';
import type { DayTimings } from './trading-days';

/**
 * `npm run soak` on compressed timings: three trading days in a few seconds each, from
 * Wednesday 16:59:45 Chicago, so one reset is crossed live, Friday's close starts a weekend
 * (its reset happens with the hubs closed, then the Sunday reopen), and the third reset is
 * crossed by a jump. The guard's own waits are divided by 10; the daily loss limits are
 * small for a day this short, so lockouts and unlocks happen. Both soaks run at once, as
 * `npm run soak` runs them.
 */
const COMPRESSED: DayTimings = {
  eveningMs: 600,
  morningMs: 1500,
  afternoonMs: 800,
  quietMs: 300,
  leadMs: 400,
  marginMs: 400,
  resetByJumpEvery: 3,
};

const common = {
  minutes: 1,
  days: 3,
  speed: 10,
  timings: COMPRESSED,
  actionsPerDay: [60, 100] as const,
  startAt: Date.parse('2026-11-25T16:59:45-06:00'),
  settleTimeoutMs: 15_000,
};

describe('the soak, compressed', () => {
  it('holds the realtime picture and the whole guard to the ledger through days, resets, a weekend, lockouts and unlocks', async () => {
    const [realtime, guard] = await Promise.all([
      realtimeSoak({ ...common, seed: 5 }),
      guardSoak({ ...common, seed: 7, dailyLossLimits: [40, 60] }),
    ]);
    for (const result of [realtime, guard]) {
      expect(result.failures).toEqual([]);
      expect(result.days.days).toBeGreaterThanOrEqual(3);
      expect(result.days.resetsLive).toBeGreaterThanOrEqual(2);
      expect(result.days.resetsByJump).toBeGreaterThanOrEqual(1);
      expect(result.days.weekends).toBeGreaterThanOrEqual(1);
      // Every account traded every day, in the range asked for (about two thirds of the actions fill).
      expect(result.tradesPerAccountDay).toHaveLength(2 * result.days.days);
      expect(Math.min(...result.tradesPerAccountDay)).toBeGreaterThan(10);
      expect(result.stats.drops).toBeGreaterThan(0);
      expect(result.stats.lost).toBeGreaterThan(0);
    }
    expect(realtime.stats.offLedger).toBe(0);
    expect(realtime.stats.doubles).toBe(0);
    expect(realtime.stats.rolled).toBeGreaterThanOrEqual(2 * 3);
    expect(guard.stats['lockouts.dailyRealizedLoss']).toBeGreaterThan(0);
    expect(guard.stats.decisions).toBeGreaterThanOrEqual(guard.stats['lockouts.dailyRealizedLoss'] ?? 0);
    expect(guard.stats.enforcements).toBeGreaterThan(0);
    expect(guard.stats.unlocks).toBeGreaterThan(0);
    expect(guard.stats.lockedActions).toBeGreaterThan(0);
  }, 120_000);
});
