import { type UnrealizedLossSettings, unrealizedLossEntry } from '../catalog/unrealized-loss';
import type { Rule } from '../rule';
import { evaluateThreshold, thresholdKeys, thresholdMeter } from './unrealized-threshold';

/**
 * `unrealizedLoss` (docs/rules.md): one position's unrealized loss → close it; the account's
 * total → flatten (+ lockout).
 */

const KEYS = thresholdKeys(unrealizedLossEntry.id);

export const unrealizedLossRule: Rule<UnrealizedLossSettings> = {
  ...unrealizedLossEntry,
  listensTo: ['quote', 'position', 'contract', 'tick'],
  meter: (ctx) => thresholdMeter(ctx, -1, { total: 'Open loss', position: 'Open loss, worst position' }),
  evaluate: (ctx) => evaluateThreshold(ctx, unrealizedLossEntry.id, KEYS, -1),
};
