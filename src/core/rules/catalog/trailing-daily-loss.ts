import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `trailingDailyLoss` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/trailing-daily-loss.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    limit: z.number().positive().max(10_000_000).default(500).meta({
      label: 'Loss from the day’s high',
      unit: 'USD',
      widget: 'money',
      help: 'How far the day’s P&L may fall below its highest point today (open P&L included)',
    }),
    lock: z.boolean().default(true).meta({
      label: 'Lock until the reset',
      help: 'On: flatten and lock until the next reset. Off: only flatten (again if the trader re-opens below the level)',
    }),
  })
  .prefault({})
  .meta({
    label: 'Trailing daily loss',
    help: 'The limit trails the day’s highest balance including open P&L and never moves down.',
  });

export type TrailingDailyLossSettings = z.infer<typeof schema>;
const ID = 'trailingDailyLoss';
const tightness = { ...BLOCK_TIGHTNESS, limit: 'higher-looser', lock: 'true-tighter' } as const;

export const trailingDailyLossEntry: RuleEntry<TrailingDailyLossSettings> = {
  id: ID,
  name: 'Trailing daily loss',
  description:
    'The daily loss limit trails the day’s highest balance including open P&L and never moves down; reaching it flattens and locks until the reset (or only flattens).',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) =>
    `${s.lock ? `Flatten and lock until ${ctx.reset}` : 'Flatten'} when today’s P&L, open P&L included, falls ${usd(s.limit)} below its high of the day`,
  ...fieldwise<TrailingDailyLossSettings>(tightness),
};
