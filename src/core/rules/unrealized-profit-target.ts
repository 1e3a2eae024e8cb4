import { z } from 'zod';
import type { Rule } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, usdLimit, warnAtSchema } from './rule-block';
import { fieldwise } from './tightness';
import { evaluateThreshold, thresholdKeys, thresholdSummary } from './unrealized-threshold';

const KEYS = thresholdKeys('unrealizedProfitTarget');

/**
 * `unrealizedProfitTarget` (docs/rules.md): take the profit: a position at its target is
 * closed; the account total ends the day.
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

export const unrealizedProfitTargetRule: Rule<UnrealizedProfitTargetSettings> = {
  id: 'unrealizedProfitTarget',
  name: 'Unrealized profit target',
  description: 'Closes a position at its profit target; at the account target, flattens and stops for the day.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) => thresholdSummary(s, ctx, { what: 'profit', lock: 'stop', none: 'No target set' }),
  ...fieldwise<UnrealizedProfitTargetSettings>(tightness),
  listensTo: ['quote', 'position', 'contract', 'tick'],
  evaluate: (ctx) => evaluateThreshold(ctx, 'unrealizedProfitTarget', KEYS, 1),
};
