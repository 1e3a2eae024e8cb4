import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, usdLimit, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { fieldwise } from './tightness';
import { thresholdSummary } from './unrealized-threshold';

/**
 * `unrealizedProfitTarget` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/unrealized-profit-target.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    perPosition: usdLimit('Open profit of one position', null, 'Close a position whose open profit reaches this'),
    total: usdLimit('Open profit of the account', null, 'Flatten when all open positions together make this'),
    lockAfterTotal: z.boolean().default(true).meta({ label: 'Then done for the day (lock until the reset)' }),
  })
  .prefault({});

export type UnrealizedProfitTargetSettings = z.infer<typeof schema>;
// A profit target is a brake like a loss limit: a higher target lets the trader run longer.
const tightness = {
  ...BLOCK_TIGHTNESS,
  perPosition: 'higher-looser',
  total: 'higher-looser',
  lockAfterTotal: 'true-tighter',
} as const;

export const unrealizedProfitTargetEntry: RuleEntry<UnrealizedProfitTargetSettings> = {
  id: 'unrealizedProfitTarget',
  name: 'Unrealized profit target',
  description: 'Closes a position at its profit target; at the account target, flattens and stops for the day.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) => thresholdSummary(s, ctx, { what: 'profit', lock: 'stop', none: 'No target set' }),
  ...fieldwise<UnrealizedProfitTargetSettings>(tightness),
};
