import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { countOf } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `stopLossRequired` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/stop-loss-required.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: unusedWarnAt,
    graceSec: z.number().int().min(0).max(3600).default(30).meta({ label: 'Time to place the stop', unit: 'seconds' }),
  })
  .prefault({});

export type StopLossRequiredSettings = z.infer<typeof schema>;
const ID = 'stopLossRequired';
const tightness = { ...BLOCK_TIGHTNESS, graceSec: 'higher-looser' } as const;

export const stopLossRequiredEntry: RuleEntry<StopLossRequiredSettings> = {
  id: ID,
  name: 'Stop-loss required',
  description: 'A position left without a protective stop for longer than the grace period is closed.',
  unit: 's',
  settingsSchema: schema,
  summary: (s) => `Close a position left without a stop for ${countOf(s.graceSec, 'second')}`,
  ...fieldwise<StopLossRequiredSettings>(tightness),
};
