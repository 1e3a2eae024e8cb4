import type { Account, Order, Position, Trade } from '../gateway/schemas';
import type { AccountState } from '../state/account-state';

/**
 * Pure comparisons between what REST says and what state holds. REST is the truth: every
 * difference in a field a rule can read makes the REST version an event.
 */

export function accountDiffers(rest: Account, known: Account | undefined): boolean {
  return (
    !known ||
    known.balance !== rest.balance ||
    known.canTrade !== rest.canTrade ||
    known.name !== rest.name ||
    known.isVisible !== rest.isVisible
  );
}

export function positionDiffers(rest: Position, known: Position | undefined): boolean {
  return !known || known.size !== rest.size || known.type !== rest.type || known.averagePrice !== rest.averagePrice;
}

export function orderDiffers(rest: Order, known: Order | undefined): boolean {
  return (
    !known ||
    known.status !== rest.status ||
    known.size !== rest.size ||
    (known.limitPrice ?? null) !== (rest.limitPrice ?? null) ||
    (known.stopPrice ?? null) !== (rest.stopPrice ?? null) ||
    (known.fillVolume ?? null) !== (rest.fillVolume ?? null) ||
    known.type !== rest.type ||
    known.side !== rest.side
  );
}

export function tradeDiffers(rest: Trade, known: Trade | undefined): boolean {
  return (
    !known ||
    (known.voided ?? false) !== (rest.voided ?? false) ||
    (known.profitAndLoss ?? null) !== (rest.profitAndLoss ?? null) ||
    (known.fees ?? null) !== (rest.fees ?? null) ||
    (known.commissions ?? null) !== (rest.commissions ?? null) ||
    known.size !== rest.size ||
    known.price !== rest.price
  );
}

/** Open positions in state that REST no longer lists: they were closed while we were not looking. */
export function vanishedPositions(known: AccountState | undefined, rest: readonly Position[]): Position[] {
  if (!known) return [];
  const open = new Set(rest.map((p) => p.contractId));
  return Object.values(known.positions).filter((p) => p.size !== 0 && !open.has(p.contractId));
}

/** Working orders in state that REST's open list does not have: their final status must be looked up. */
export function vanishedOrders(known: AccountState | undefined, rest: readonly Order[]): Order[] {
  if (!known) return [];
  const open = new Set(rest.map((o) => o.id));
  return Object.values(known.orders).filter((o) => !open.has(o.id));
}
