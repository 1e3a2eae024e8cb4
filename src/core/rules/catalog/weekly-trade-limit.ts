import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { countOf } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `weeklyTradeLimit` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/weekly-trade-limit.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    limit: z.number().int().positive().max(100_000).default(100).meta({
      label: 'Trades per week',
      unit: 'trades',
      help: 'Every entry and every exit counts; reaching it locks until the week’s end',
    }),
    flatten: z.boolean().default(false).meta({
      label: 'Flatten on reaching it',
      help: 'Off (as TopstepX): open positions are left to you with their stops and targets; every other order is cancelled and nothing new may open',
    }),
  })
  .prefault({})
  .meta({
    label: 'Weekly trade limit',
    help: 'Reaching the week’s number of trades locks the account until the week’s end.',
  });

export type WeeklyTradeLimitSettings = z.infer<typeof schema>;
const ID = 'weeklyTradeLimit';
const tightness = { ...BLOCK_TIGHTNESS, limit: 'higher-looser', flatten: 'true-tighter' } as const;

export const weeklyTradeLimitEntry: RuleEntry<WeeklyTradeLimitSettings> = {
  id: ID,
  name: 'Weekly trade limit',
  description:
    'When the week’s trades (every entry and exit) reach the limit, working orders are cancelled, the account is flattened (per setting) and locked until the week’s end.',
  unit: 'trades',
  settingsSchema: schema,
  summary: (s) =>
    `${s.flatten ? 'Cancel orders, flatten and lock' : 'Cancel orders and lock (open positions left to you)'} until the week’s end at ${countOf(s.limit, 'trade')} this week, entries and exits counted`,
  ...fieldwise<WeeklyTradeLimitSettings>(tightness),
};
