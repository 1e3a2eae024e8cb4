import { type UnrealizedProfitTargetSettings, unrealizedProfitTargetEntry } from '../catalog/unrealized-profit-target';
import type { Rule } from '../rule';
import { evaluateThreshold, thresholdKeys, thresholdMeter } from './unrealized-threshold';

/**
 * `unrealizedProfitTarget` (docs/rules.md): take the profit: a position at its target is
 * closed; the account total ends the day.
 */

const KEYS = thresholdKeys(unrealizedProfitTargetEntry.id);

export const unrealizedProfitTargetRule: Rule<UnrealizedProfitTargetSettings> = {
  ...unrealizedProfitTargetEntry,
  listensTo: ['quote', 'position', 'contract', 'tick'],
  meter: (ctx) => thresholdMeter(ctx, 1, { total: 'Open profit', position: 'Open profit, best position' }),
  evaluate: (ctx) => evaluateThreshold(ctx, unrealizedProfitTargetEntry.id, KEYS, 1),
};
