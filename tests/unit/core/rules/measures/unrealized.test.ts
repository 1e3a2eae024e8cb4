import { describe, expect, it } from 'vitest';
import { computeUnrealized } from '../../../../../src/core/rules/measures/unrealized';
import { accountState, CONTRACTS, ES, MNQ, position, prices } from '../fixtures';

describe('open P&L of an account', () => {
  it('sums open P&L over positions with a price, names one without, and gives the focus contract’s own', () => {
    const account = accountState({ positions: [position(ES, 1, 5000), position(MNQ, -2, 100)] });
    const market = { contracts: CONTRACTS, prices: prices({ [ES]: 5002, [MNQ]: 99 }) };
    expect(computeUnrealized(account, market, { knownTotal: 0, unknownContractId: null }, MNQ)).toEqual({
      knownTotal: 100 + 4,
      unknownContractId: null,
      focusValue: 4,
    });
    const noMnqPrice = { contracts: CONTRACTS, prices: prices({ [ES]: 5002 }) };
    expect(computeUnrealized(account, noMnqPrice, { knownTotal: 0, unknownContractId: null }, MNQ)).toEqual({
      knownTotal: 100,
      unknownContractId: MNQ,
      focusValue: null,
    });
    expect(computeUnrealized(account, market, { knownTotal: 0, unknownContractId: null }).focusValue).toBeUndefined();
  });
});
