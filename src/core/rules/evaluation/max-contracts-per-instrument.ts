import { tickerOf } from '../../gateway/symbols';
import type { AccountState } from '../../state/account-state';
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

interface Held {
  contractId: string;
  size: number;
  openedAt: number;
}

/** The open positions by ticker (ES and EP as one), with their total size: what the limits judge. */
function openByTicker(account: AccountState): Map<string, { positions: Held[]; total: number }> {
  const byTicker = new Map<string, { positions: Held[]; total: number }>();
  for (const p of Object.values(account.positions)) {
    const t = tickerOf(p.contractId);
    const held = byTicker.get(t) ?? { positions: [], total: 0 };
    const size = Math.abs(p.size);
    held.positions.push({ contractId: p.contractId, size, openedAt: account.positionOpenedAt[p.contractId] ?? 0 });
    held.total += size;
    byTicker.set(t, held);
  }
  return byTicker;
}

export const maxContractsPerInstrumentRule: Rule<MaxContractsPerInstrumentSettings> = {
  ...maxContractsPerInstrumentEntry,
  listensTo: ['position', 'tick'],
  /** The symbol nearest its own limit; none while nothing limited is open. */
  meter(ctx) {
    let nearest: { ticker: string; total: number; limit: number } | null = null;
    for (const [ticker, { total }] of openByTicker(ctx.account)) {
      const limit = limitForTicker(ctx.settings, ticker);
      if (limit === null) continue;
      if (!nearest || total * nearest.limit > nearest.total * limit) nearest = { ticker, total, limit };
    }
    if (!nearest) return null;
    return {
      name: `Open ${nearest.ticker}`,
      value: nearest.total,
      limit: nearest.limit,
      unit: 'contracts',
      moreThan: true,
    };
  },
  evaluate(ctx) {
    const s = ctx.settings;
    const out: Decision[] = [];
    releaseClosedPositions(ctx, `${ID}|`);
    for (const [ticker, { positions: list, total }] of openByTicker(ctx.account)) {
      const limit = limitForTicker(s, ticker);
      if (limit === null) continue;
      const figures = { root: ticker, size: total, limit };
      if (total <= limit) {
        const w = warnIfCrossed(ctx, ID, ticker, total, limit, `${total} of ${limit} ${ticker} open`, figures, true);
        if (w) out.push(w);
        continue;
      }
      // Over the limit from here on. Oldest first, so the newest gives way.
      list.sort((x, y) => x.openedAt - y.openedAt);
      let room = limit;
      for (const p of list) {
        const keep = s.action === 'close' ? 0 : Math.min(p.size, room);
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
