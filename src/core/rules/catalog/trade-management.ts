import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { countOf, sentence } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `tradeManagement` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/trade-management.ts.
 */

const ticks = (label: string, fallback: number | null, help: string) =>
  z.number().int().min(0).max(10_000).nullable().default(fallback).meta({ label, unit: 'ticks', help, empty: 'off' });

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: unusedWarnAt,
    breakevenAfterTicks: ticks('Breakeven after', 20, 'Move the stop to entry once this far in profit'),
    breakevenOffsetTicks: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(1)
      .meta({ label: 'Breakeven stop beyond entry', unit: 'ticks' }),
    trailAfterTicks: ticks('Trail after', null, 'Start trailing once this far in profit'),
    trailDistanceTicks: z
      .number()
      .int()
      .positive()
      .max(10_000)
      .default(20)
      .meta({ label: 'Trail behind the best price by', unit: 'ticks' }),
  })
  .prefault({});

export type TradeManagementSettings = z.infer<typeof schema>;
const ID = 'tradeManagement';
// Protection that starts later, sits lower or trails further behind is looser.
const tightness = {
  ...BLOCK_TIGHTNESS,
  breakevenAfterTicks: 'higher-looser',
  breakevenOffsetTicks: 'lower-looser',
  trailAfterTicks: 'higher-looser',
  trailDistanceTicks: 'higher-looser',
} as const;

export const tradeManagementEntry: RuleEntry<TradeManagementSettings> = {
  id: ID,
  name: 'Trade management',
  description: 'Moves the stop to breakeven after a gain and trails it behind the best price; never loosens a stop.',
  unit: 'ticks',
  settingsSchema: schema,
  summary(s) {
    const parts: string[] = [];
    if (s.breakevenAfterTicks !== null) {
      const offset = s.breakevenOffsetTicks === 0 ? '' : ` + ${countOf(s.breakevenOffsetTicks, 'tick')}`;
      parts.push(`stop to breakeven${offset} after ${countOf(s.breakevenAfterTicks, 'tick')} of profit`);
    }
    if (s.trailAfterTicks !== null) {
      parts.push(
        `trail it ${countOf(s.trailDistanceTicks, 'tick')} behind after ${countOf(s.trailAfterTicks, 'tick')}`,
      );
    }
    return parts.length === 0 ? 'Nothing set' : `${sentence(parts.join('; '))}; never loosens a stop`;
  },
  ...fieldwise<TradeManagementSettings>(tightness),
};
