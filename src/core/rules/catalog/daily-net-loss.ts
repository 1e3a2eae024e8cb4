import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `dailyNetLoss` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/daily-net-loss.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    firmLimit: z.number().positive().max(10_000_000).default(1000).meta({
      label: 'Daily loss limit, open P&L included',
      unit: 'USD',
      widget: 'money',
      help: 'The firm’s daily loss limit if it has one; otherwise your own hard stop',
    }),
    buffer: z
      .number()
      .min(0)
      .max(10_000_000)
      .default(100)
      .meta({ label: 'Stop this far before it', unit: 'USD', widget: 'money' }),
  })
  .prefault({})
  .refine((s) => s.buffer < s.firmLimit, { message: 'the buffer must be smaller than the limit', path: ['buffer'] });

export type DailyNetLossSettings = z.infer<typeof schema>;
const ID = 'dailyNetLoss';
const tightness = { ...BLOCK_TIGHTNESS, firmLimit: 'higher-looser', buffer: 'lower-looser' } as const;

export const dailyNetLossEntry: RuleEntry<DailyNetLossSettings> = {
  id: ID,
  name: 'Daily net loss guard',
  description:
    'Realized plus open P&L reaching the firm’s daily loss limit minus a buffer flattens and locks until the reset.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) =>
    `Flatten and lock until ${ctx.reset} when today’s loss, open P&L included, reaches ${usd(s.firmLimit - s.buffer)} (${usd(s.firmLimit)} less ${usd(s.buffer)})`,
  ...fieldwise<DailyNetLossSettings>(tightness),
};
