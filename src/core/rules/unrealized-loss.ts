import { z } from 'zod';
import type { Rule } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, usdLimit, warnAtSchema } from './rule-block';
import { fieldwise } from './tightness';
import { evaluateThreshold, thresholdKeys } from './unrealized-threshold';

const KEYS = thresholdKeys('unrealizedLoss');

/** Rule 4: one position's unrealized loss → close it; the account's total → flatten (+ lockout). */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    perPosition: usdLimit('Max unrealized loss per position', 300, 'Close a position whose loss reaches this'),
    total: usdLimit('Max unrealized loss, account', null, 'Flatten when the account’s open loss reaches this'),
    lockAfterTotal: z.boolean().default(true).meta({ label: 'Lock until reset after the total is hit' }),
  })
  .prefault({});

export type UnrealizedLossSettings = z.infer<typeof schema>;
const tightness = {
  ...BLOCK_TIGHTNESS,
  perPosition: 'higher-looser',
  total: 'higher-looser',
  lockAfterTotal: 'true-tighter',
} as const;

export const unrealizedLossRule: Rule<UnrealizedLossSettings> = {
  id: 'unrealizedLoss',
  name: 'Unrealized loss',
  description:
    'Closes a position whose open loss reaches the limit; at the account total, flattens and locks until the reset.',
  unit: 'USD',
  settingsSchema: schema,
  ...fieldwise<UnrealizedLossSettings>(tightness),
  listensTo: ['quote', 'position', 'contract', 'tick'],
  evaluate: (ctx) => evaluateThreshold(ctx, 'unrealizedLoss', KEYS, -1),
};
