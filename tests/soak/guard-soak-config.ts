import type { GuardTuning } from '../../src/core/guard/guard-deps';
import { defaultConfig, type GuardConfig } from '../../src/core/rules/config/config-schema';

/**
 * The guard soak's rules and timings: rules that bite on a day of 25–250 trades (a daily loss
 * limit locked to the reset, cooldowns after a losing order, a daily cap on executed orders,
 * at most 2 contracts), and the production timings, divided by `speed` in compressed runs.
 */
/** The two daily loss limits the soak's trader switches between. */
export const DAILY_LOSS_LIMITS: readonly [number, number] = [200, 250];

export function soakConfig(dailyLossLimit: number): GuardConfig {
  const config = defaultConfig();
  const rules = config.defaultProfile.rules;
  rules.dailyRealizedLoss = { ...rules.dailyRealizedLoss, mode: 'enforce', limit: dailyLossLimit };
  rules.cooldownAfterLoss = {
    ...rules.cooldownAfterLoss,
    mode: 'enforce',
    tiers: [
      { loss: 15, minutes: 1 },
      { loss: 30, minutes: 3 },
    ],
  };
  // A day of trading passes in minutes here: only the day window of trade frequency means what it says.
  rules.tradeFrequency = { ...rules.tradeFrequency, mode: 'enforce', perMinute: null, perHour: null, perDay: 200 };
  rules.maxContracts = { ...rules.maxContracts, mode: 'enforce', limit: 2, action: 'reduce' };
  return config;
}

export function tuningFor(speed: number): GuardTuning {
  return {
    pollIntervalMs: 5000 / speed,
    settleMs: Math.max(300 / speed, 30),
    retryFailedAfterMs: 15_000 / speed,
    reconnectDelaysMs: [0, 2000, 10_000, 30_000, 60_000].map((d) => d / speed),
    foreverDelayMs: 60_000 / speed,
    ...(speed > 1
      ? // Compressed runs squeeze minutes of reconciles into seconds: not a rate-limit test then.
        {
          rateLimits: {
            general: { max: 100_000, windowMs: 60_000 },
            bars: { max: 100_000, windowMs: 30_000 },
          },
        }
      : {}),
  };
}
