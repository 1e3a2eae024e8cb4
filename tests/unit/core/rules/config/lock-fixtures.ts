import { applyConfigChange } from '../../../../../src/core/rules/config/commitment-lock';
import { type GuardConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';
import { DAY, NOW } from '../fixtures';

/** The commitment lock's specs: configs as the options page saves them, changed mid-day. */

export function config(input: unknown): GuardConfig {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

/** A change proposed now, during the trading day that ends at DAY.nextReset. */
export const change = (active: GuardConfig, proposed: GuardConfig) =>
  applyConfigChange({ active, proposed, now: NOW, nextReset: DAY.nextReset });
