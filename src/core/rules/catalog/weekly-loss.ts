import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `weeklyLoss` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/weekly-loss.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    limit: z.number().positive().max(10_000_000).default(1500).meta({
      label: 'Loss limit for the week',
      unit: 'USD',
      widget: 'money',
      help: 'Realized loss from Sunday’s 17:00 CT open to Friday’s close',
    }),
    flatten: z.boolean().default(true).meta({
      label: 'Flatten on reaching it',
      help: 'Off: open positions are left to you with their stops and targets; every other order is cancelled and nothing new may open until the week’s end',
    }),
  })
  .prefault({})
  .meta({
    label: 'Weekly loss',
    help: 'The week’s realized loss reaching the limit locks the account until the week’s end.',
  });

export type WeeklyLossSettings = z.infer<typeof schema>;
const ID = 'weeklyLoss';
const tightness = { ...BLOCK_TIGHTNESS, limit: 'higher-looser', flatten: 'true-tighter' } as const;

export const weeklyLossEntry: RuleEntry<WeeklyLossSettings> = {
  id: ID,
  name: 'Weekly loss',
  description:
    'When the week’s realized loss reaches the limit, working orders are cancelled, the account is flattened (per setting) and locked until the week’s end.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s) =>
    `${s.flatten ? 'Cancel orders, flatten and lock' : 'Cancel orders and lock (open positions left to you)'} until the week’s end when the week’s loss reaches ${usd(s.limit)}`,
  ...fieldwise<WeeklyLossSettings>(tightness),
};
