import type { Trade } from '../gateway/schemas';
import type { AccountState } from './account-state';
import type { StateEffect } from './effects';
import { commissionsOf } from './selectors';
import { shallowEqual } from './shallow-equal';

/**
 * One trade of the account's current trading day (the caller has already dropped trades of
 * an earlier day and rolled the account forward for a later one). Trades are keyed by id:
 * a duplicate never counts twice; a trade seen again with other figures (a correction, or
 * `voided: true`) replaces its old contribution. A void is final: a replay of the trade
 * from before the void is stale. Half-turns (`profitAndLoss: null`, or the key absent as
 * on the live hub) add their costs only: fees and commissions, summed apart.
 */
export function applyTrade(account: AccountState, trade: Trade, effects: StateEffect[]): AccountState | undefined {
  const accountId = account.account.id;
  const old = account.trades[trade.id];
  const ids = { accountId, tradeId: trade.id, orderId: trade.orderId };
  if (old) {
    if (shallowEqual(old, trade)) {
      effects.push({ kind: 'ignored', reason: 'duplicate', entity: 'trade', accountId, id: trade.id });
      return undefined;
    }
    if (old.voided && !trade.voided) {
      effects.push({ kind: 'ignored', reason: 'stale', entity: 'trade', accountId, id: trade.id });
      return undefined;
    }
  }
  const grossDelta = gross(trade) - (old ? gross(old) : 0);
  const feesDelta = fees(trade) - (old ? fees(old) : 0);
  const commissionsDelta = commissions(trade) - (old ? commissions(old) : 0);
  if (trade.voided && !old?.voided) effects.push({ kind: 'trade-voided', ...ids });
  else if (old) effects.push({ kind: 'trade-corrected', ...ids });
  else effects.push({ kind: 'trade-recorded', ...ids });
  return {
    ...account,
    trades: { ...account.trades, [trade.id]: trade },
    grossRealizedPnl: money(account.grossRealizedPnl + grossDelta),
    fees: money(account.fees + feesDelta),
    commissions: money(commissionsOf(account) + commissionsDelta),
  };
}

function gross(t: Trade): number {
  return t.voided ? 0 : (t.profitAndLoss ?? 0);
}

function fees(t: Trade): number {
  return t.voided ? 0 : (t.fees ?? 0);
}

function commissions(t: Trade): number {
  return t.voided ? 0 : (t.commissions ?? 0);
}

/** Sums of cents: drop the binary noise that adding and subtracting floats leaves behind. */
function money(x: number): number {
  return Math.round(x * 1e6) / 1e6 + 0; // + 0 turns -0 into 0
}
