import { tickerOf } from '../../gateway/symbols';
import {
  limitForTicker,
  type MaxContractsPerInstrumentSettings,
  maxContractsPerInstrumentEntry,
} from '../catalog/max-contracts-per-instrument';
import type { Decision } from '../decision';
import type { Rule } from '../rule';
import { enforcement, warnIfCrossed } from './decide';
import { releaseClosedPositions, takeOnce } from './latches';

/**
 * `maxContractsPerInstrument` (docs/rules.md): |size| per symbol root (by ticker, so EP = ES)
 * above that root's limit. Roots not listed follow `unknown`: block (limit 0), a limit N, or
 * unlimited. Several contract months of one root count together; the newest position gives way
 * first.
 */

const ID = maxContractsPerInstrumentEntry.id;

export const maxContractsPerInstrumentRule: Rule<MaxContractsPerInstrumentSettings> = {
  ...maxContractsPerInstrumentEntry,
  listensTo: ['position', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    const out: Decision[] = [];
    // Group positions by ticker, oldest first so the newest gives way.
    const byTicker = new Map<string, { contractId: string; size: number; openedAt: number }[]>();
    for (const p of Object.values(ctx.account.positions)) {
      const t = tickerOf(p.contractId);
      const list = byTicker.get(t) ?? [];
      list.push({
        contractId: p.contractId,
        size: Math.abs(p.size),
        openedAt: ctx.account.positionOpenedAt[p.contractId] ?? 0,
      });
      byTicker.set(t, list);
    }
    releaseClosedPositions(ctx, `${ID}|`);
    for (const [ticker, list] of byTicker) {
      const limit = limitForTicker(s, ticker);
      if (limit === null) continue;
      const total = list.reduce((n, p) => n + p.size, 0);
      const figures = { root: ticker, size: total, limit };
      if (total <= limit) {
        const w = warnIfCrossed(ctx, ID, ticker, total, limit, `${total} of ${limit} ${ticker} open`, figures, true);
        if (w) out.push(w);
        continue;
      }
      list.sort((x, y) => x.openedAt - y.openedAt);
      let room = limit;
      for (const p of list) {
        const keep = s.action === 'close' && total > limit ? 0 : Math.min(p.size, room);
        room -= keep;
        if (keep >= p.size) continue;
        if (!takeOnce(ctx, `${ID}|${p.contractId}`, `${p.size}>${keep}`, 0)) continue;
        out.push(
          enforcement(
            ctx,
            ID,
            keep === 0
              ? { type: 'close-position', contractId: p.contractId }
              : { type: 'reduce-position', contractId: p.contractId, maxSize: keep },
            `${total} ${ticker} open, limit ${limit}`,
            { ...figures, contractId: p.contractId, keep },
          ),
        );
      }
    }
    return out;
  },
};
