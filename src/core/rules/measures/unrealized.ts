import { PositionType } from '../../gateway/enums';
import type { AccountState, GuardState } from '../../state/account-state';
import type { UnrealizedSummary } from '../rule';

/**
 * Σ unrealized over an account's positions; what ctx.unrealized() returns. This runs once per
 * account per quote for every account holding the quoted contract, so it is written out by
 * hand: the market records hoisted, positionUnrealizedPnl inlined with the same arithmetic in
 * the same order (identical floats), no call per position.
 */
export function computeUnrealized(
  account: AccountState,
  market: Pick<GuardState, 'contracts' | 'prices'>,
  into: UnrealizedSummary,
  focus?: string,
): UnrealizedSummary {
  let total = 0;
  let unknown: string | null = null;
  let focusValue: number | null = null;
  const positions = account.positions;
  const contracts = market.contracts;
  const prices = market.prices;
  for (const contractId in positions) {
    const p = positions[contractId];
    if (!p) continue;
    const contract = contracts[contractId];
    const price = prices[contractId];
    if (!contract || !price) {
      unknown = contractId;
      continue;
    }
    const size = p.type === PositionType.Short ? -Math.abs(p.size) : Math.abs(p.size);
    const u = ((price.price - p.averagePrice) / contract.tickSize) * contract.tickValue * size;
    if (contractId === focus) focusValue = u;
    total += u;
  }
  into.knownTotal = total;
  into.unknownContractId = unknown;
  into.focusValue = focus === undefined ? undefined : focusValue;
  return into;
}
