import type { Trade } from '../../src/core/gateway/schemas';
import { roundMoney } from '../time-format';
import { type EngineCtx, fail, type Result } from './state';

/**
 * The platform voids (busts) a trade after the fact. What the simulator does, in exchange
 * order, as the real service would show it:
 *   1. the trade keeps its id and every figure, with `voided: true` (Trade/search and the
 *      ledger show the new version in place of the old one; `GatewayUserTrade` sends it);
 *   2. the balance gives back what the fill did to it: − profitAndLoss + fees + commissions (a voided trade
 *      neither gains, loses nor costs anything), then `GatewayUserAccount` sends the account.
 * Positions and orders are left as they are: a void is a P&L correction the platform makes,
 * usually long after the position closed, not a fill; the docs say nothing of positions.
 * Errors: 1 account not found, 2 trade not found on that account or already voided.
 */
export function voidTrade(
  ctx: EngineCtx,
  accountId: number,
  tradeId: number,
): Result<{ trade: Trade; balance: number }> {
  const acct = ctx.accounts.get(accountId);
  if (!acct) return fail(1, `Account ${accountId} not found.`);
  const list = ctx.trades.get(accountId) ?? [];
  const index = list.findIndex((t) => t.id === tradeId);
  const old = list[index];
  if (!old) return fail(2, `Trade ${tradeId} not found on account ${accountId}.`);
  if (old.voided === true) return fail(2, `Trade ${tradeId} is already voided.`);

  const trade: Trade = { ...old, voided: true };
  list[index] = trade;
  ctx.ledger.append({ type: 'trade', accountId, trade });
  ctx.emit({ kind: 'trade', accountId, data: { ...trade } });

  const balance = roundMoney(
    acct.account.balance - (old.profitAndLoss ?? 0) + (old.fees ?? 0) + (old.commissions ?? 0),
  );
  acct.account = { ...acct.account, balance };
  ctx.ledger.append({ type: 'balance', accountId, balance });
  ctx.emit({ kind: 'account', accountId, data: { ...acct.account } });
  return { ok: true, trade: { ...trade }, balance };
}
