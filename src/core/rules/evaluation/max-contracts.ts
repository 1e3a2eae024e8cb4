import { openContracts } from '../../state/selectors';
import { type MaxContractsSettings, maxContractsEntry } from '../catalog/max-contracts';
import type { Decision } from '../decision';
import type { Rule } from '../rule';
import { enforcement, warnIfCrossed } from './decide';
import { release, takeOnce } from './latches';

/** `maxContracts` (docs/rules.md): open contracts (Σ |size|, optionally in mini-equivalents) above the limit. */

const ID = maxContractsEntry.id;

export const maxContractsRule: Rule<MaxContractsSettings> = {
  ...maxContractsEntry,
  listensTo: ['position', 'tick'],
  meter: (ctx) => ({
    name: ctx.settings.counting === 'mini' ? 'Open contracts (mini-eq.)' : 'Open contracts',
    value: openContracts(ctx.account, ctx.settings.counting),
    limit: ctx.settings.limit,
    unit: 'contracts',
    moreThan: true,
  }),
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
