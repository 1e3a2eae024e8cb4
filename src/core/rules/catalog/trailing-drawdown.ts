import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `trailingDrawdown` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/trailing-drawdown.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    startingBalance: z
      .number()
      .positive()
      .max(100_000_000)
      .default(50_000)
      .meta({ label: 'Starting balance', unit: 'USD', widget: 'money' }),
    maxLoss: z.number().positive().max(10_000_000).default(2000).meta({
      label: 'Firm’s maximum loss (trailing)',
      unit: 'USD',
      widget: 'money',
      help: 'How far below the end-of-day high the firm ends the account',
    }),
    buffer: z
      .number()
      .min(0)
      .max(10_000_000)
      .default(200)
      .meta({ label: 'Stop this far before it', unit: 'USD', widget: 'money' }),
    highEodSeed: z.number().positive().max(100_000_000).nullable().default(null).meta({
      label: 'Current end-of-day high balance',
      unit: 'USD',
      widget: 'money',
      empty: 'learn it from the balances seen',
      help: 'From the firm’s dashboard; learned from then on',
    }),
  })
  .prefault({})
  .refine((s) => s.buffer < s.maxLoss, {
    message: 'the buffer must be smaller than the maximum loss',
    path: ['buffer'],
  });

export type TrailingDrawdownSettings = z.infer<typeof schema>;
const ID = 'trailingDrawdown';
// A larger buffer stops earlier (tighter); a higher seed raises the level (tighter).
const tightness = {
  ...BLOCK_TIGHTNESS,
  startingBalance: 'lower-looser',
  maxLoss: 'higher-looser',
  buffer: 'lower-looser',
  highEodSeed: 'lower-looser',
} as const;

export const trailingDrawdownEntry: RuleEntry<TrailingDrawdownSettings> = {
  id: ID,
  name: 'Trailing drawdown guard',
  description: 'Flattens and locks before equity reaches the firm’s trailing maximum loss level.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) =>
    `Flatten and lock until ${ctx.reset} ${usd(s.buffer)} before the firm’s maximum loss (${usd(s.maxLoss)} below the end-of-day high, from ${usd(s.startingBalance)})`,
  ...fieldwise<TrailingDrawdownSettings>(tightness),
};
