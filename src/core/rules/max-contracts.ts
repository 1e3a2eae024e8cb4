import { z } from 'zod';
import { openContracts } from '../state/selectors';
import type { Decision } from './decision';
import { enforcement, type Rule, release, takeOnce, warnIfCrossed } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import { countOf } from './summary-words';
import { fieldwise } from './tightness';

/** `maxContracts` (docs/rules.md): open contracts (Σ |size|, optionally in mini-equivalents) above the limit. */

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

export const maxContractsRule: Rule<MaxContractsSettings> = {
  id: ID,
  name: 'Max contracts',
  description: 'Open contracts above the limit are reduced to it, newest exposure first (or everything is closed).',
  unit: 'contracts',
  settingsSchema: schema,
  summary(s) {
    const limit = countOf(s.limit, 'contract');
    const counted = s.counting === 'mini' ? ' (in minis: a micro counts 0.1)' : '';
    return s.action === 'flatten'
      ? `Close everything when more than ${limit} are open${counted}`
      : `Reduce to ${limit} when more are open, newest first${counted}`;
  },
  ...fieldwise<MaxContractsSettings>(tightness),
  listensTo: ['position', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    const open = openContracts(ctx.account, s.counting);
    const figures = { openContracts: open, limit: s.limit, counting: s.counting };
    if (open <= s.limit) {
      release(ctx, ID);
      const w = warnIfCrossed(ctx, ID, '', open, s.limit, `${open} of ${s.limit} contracts open`, figures, true);
      return w ? [w] : [];
    }
    if (!takeOnce(ctx, ID, String(open), 0)) return [];
    const out: Decision[] = [
      enforcement(
        ctx,
        ID,
        s.action === 'flatten'
          ? { type: 'flatten' }
          : { type: 'reduce-total', maxContracts: s.limit, counting: s.counting },
        `${open} contracts open, limit ${s.limit}`,
        figures,
      ),
    ];
    return out;
  },
};
