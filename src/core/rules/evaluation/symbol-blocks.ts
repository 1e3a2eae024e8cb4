import { tickerOf } from '../../gateway/symbols';
import { blockedTickers, type SymbolBlocksSettings, symbolBlocksEntry } from '../catalog/symbol-blocks';
import type { Decision, LockoutSpec } from '../decision';
import type { Rule } from '../rule';
import { enforcement } from './decide';
import { releaseClosedPositions, takeOnce } from './latches';

/**
 * `symbolBlocks` (docs/rules.md): blocked roots (by ticker, so ES blocks EP contracts). Any
 * working order in one is cancelled, any position closed; each blocked root carries a symbol
 * lockout that lasts until the setting changes (emitted once per trading day so the page can
 * block entry).
 */

const ID = symbolBlocksEntry.id;

export const symbolBlocksRule: Rule<SymbolBlocksSettings> = {
  ...symbolBlocksEntry,
  listensTo: ['position', 'order', 'account', 'tick'],
  evaluate(ctx) {
    const blocked = blockedTickers(ctx.settings);
    if (blocked.size === 0) return [];
    const out: Decision[] = [];
    const lock = (root: string): LockoutSpec => ({
      kind: 'lockout',
      end: { type: 'condition', condition: 'setting-changed' },
      scope: { type: 'symbol', root },
    });
    for (const root of blocked) {
      if (takeOnce(ctx, `${ID}|lock|${root}`, ctx.tradingDay.key, ctx.tradingDay.nextReset)) {
        out.push(enforcement(ctx, ID, { type: 'none' }, `${root} is blocked`, { root }, lock(root)));
      }
    }
    releaseClosedPositions(ctx, `${ID}|pos|`);
    for (const p of Object.values(ctx.account.positions)) {
      const root = tickerOf(p.contractId);
      if (!blocked.has(root) || !takeOnce(ctx, `${ID}|pos|${p.contractId}`, String(p.id), 0)) continue;
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'close-position', contractId: p.contractId },
          `Position in blocked symbol ${root}`,
          {
            root,
            contractId: p.contractId,
          },
          lock(root),
        ),
      );
    }
    for (const o of Object.values(ctx.account.orders)) {
      const root = tickerOf(o.contractId);
      // Order ids are unique: a latch per id is enough; it expires at the reset.
      if (!blocked.has(root) || !takeOnce(ctx, `${ID}|ord|${o.id}`, '', ctx.tradingDay.nextReset)) continue;
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'cancel-order', orderId: o.id },
          `Working order in blocked symbol ${root}`,
          {
            root,
            orderId: o.id,
          },
          lock(root),
        ),
      );
    }
    return out;
  },
};
