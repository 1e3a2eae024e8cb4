import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, usdLimit, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { fieldwise } from './tightness';
import { thresholdSummary } from './unrealized-threshold';

/**
 * `unrealizedLoss` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/unrealized-loss.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    perPosition: usdLimit('Open loss of one position', 300, 'Close a position whose open loss reaches this'),
    total: usdLimit('Open loss of the account', null, 'Flatten when all open positions together lose this'),
    lockAfterTotal: z.boolean().default(true).meta({ label: 'Then lock until the reset' }),
  })
  .prefault({});

export type UnrealizedLossSettings = z.infer<typeof schema>;
const tightness = {
  ...BLOCK_TIGHTNESS,
  perPosition: 'higher-looser',
  total: 'higher-looser',
  lockAfterTotal: 'true-tighter',
} as const;

export const unrealizedLossEntry: RuleEntry<UnrealizedLossSettings> = {
  id: 'unrealizedLoss',
  name: 'Unrealized loss',
  description:
    'Closes a position whose open loss reaches the limit; at the account total, flattens and locks until the reset.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) => thresholdSummary(s, ctx, { what: 'loss', lock: 'lock', none: 'No limit set' }),
  ...fieldwise<UnrealizedLossSettings>(tightness),
};
