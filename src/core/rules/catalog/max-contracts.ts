import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { countOf } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `maxContracts` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/max-contracts.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('monitor'),
    warnAt: warnAtSchema,
    limit: z.number().positive().max(1000).default(5).meta({ label: 'Most contracts open', unit: 'contracts' }),
    counting: z
      .enum(['contracts', 'mini'])
      .default('mini')
      .meta({
        label: 'Count',
        options: { contracts: 'Every contract as 1', mini: 'In minis (a micro counts 0.1)' },
      }),
    action: z
      .enum(['reduce', 'flatten'])
      .default('reduce')
      .meta({
        label: 'When over the limit',
        options: { reduce: 'Reduce to the limit, newest first', flatten: 'Close everything' },
      }),
  })
  .prefault({});

export type MaxContractsSettings = z.infer<typeof schema>;
const ID = 'maxContracts';

const tightness = {
  ...BLOCK_TIGHTNESS,
  limit: 'higher-looser',
  // Loosest first: counting micros as tenths (mini) allows more than counting each contract.
  counting: { enum: ['mini', 'contracts'] },
  action: { enum: ['reduce', 'flatten'] },
} as const;

export const maxContractsEntry: RuleEntry<MaxContractsSettings> = {
  id: ID,
  name: 'Max contracts',
  description: 'Open contracts above the limit are reduced to it, newest exposure first (or everything is closed).',
  unit: 'contracts',
  settingsSchema: schema,
  summary(s) {
    const limit = countOf(s.limit, 'contract');
    const counted = s.counting === 'mini' ? ' (in minis: a micro counts 0.1)' : '';
    return s.action === 'flatten'
      ? `Close everything when more than ${limit} ${s.limit === 1 ? 'is' : 'are'} open${counted}`
      : `Reduce to ${limit} when more are open, newest first${counted}`;
  },
  ...fieldwise<MaxContractsSettings>(tightness),
};
