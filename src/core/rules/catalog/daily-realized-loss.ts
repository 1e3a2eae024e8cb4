import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { usd } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `dailyRealizedLoss` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/daily-realized-loss.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('monitor'),
    warnAt: warnAtSchema,
    limit: z.number().positive().max(10_000_000).default(500).meta({
      label: 'Loss limit',
      unit: 'USD',
      widget: 'money',
      help: 'What the trading day’s closed trades lost',
    }),
  })
  .prefault({});

export type DailyRealizedLossSettings = z.infer<typeof schema>;
const ID = 'dailyRealizedLoss';
const tightness = { ...BLOCK_TIGHTNESS, limit: 'higher-looser' } as const;

export const dailyRealizedLossEntry: RuleEntry<DailyRealizedLossSettings> = {
  id: ID,
  name: 'Daily realized loss',
  description:
    'When the trading day’s realized loss reaches the limit, everything is closed and the account is locked until the next reset.',
  unit: 'USD',
  settingsSchema: schema,
  summary: (s, ctx) => `Flatten and lock until ${ctx.reset} when today’s loss reaches ${usd(s.limit)}`,
  ...fieldwise<DailyRealizedLossSettings>(tightness),
};
