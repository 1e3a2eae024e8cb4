import { describe, expect, it } from 'vitest';
import { exposureOf } from '../../../../src/core/enforce/exposure';
import type { Order, Position } from '../../../../src/core/gateway/schemas';
import { createAccountState, createEmptyGuardState } from '../../../../src/core/state/account-state';
import { MNQ } from './harness';

const ES = 'CON.F.US.EP.Z25';
const position = (contractId: string, size: number): Position => ({
  id: size + 1,
  accountId: 1,
  contractId,
  creationTimestamp: '2026-11-25T15:00:00Z',
  type: 1,
  size,
  averagePrice: 100,
});
const order = (id: number, status: number): Order => ({
  id,
  accountId: 1,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  status,
  type: 1,
  side: 0,
  size: 1,
  limitPrice: 90,
});

describe('exposureOf', () => {
  it('lists the contracts with an open position and the working orders of the account', () => {
    const state = createEmptyGuardState(Date.parse('2026-11-25T15:00:00Z'));
    state.accounts['1'] = {
      ...createAccountState({ id: 1, name: 'A', balance: 50_000, canTrade: true, isVisible: true }, '2026-11-25'),
      positions: { [MNQ]: position(MNQ, 2), [ES]: position(ES, 0) },
      orders: { '5': order(5, 1), '6': order(6, 2), '7': order(7, 6) },
    };
    expect(exposureOf(state, 1)).toEqual({ contractIds: [MNQ], orderIds: [5, 7] });
  });

  it('is empty for an account the guard has not seen', () => {
    expect(exposureOf(createEmptyGuardState(0), 9)).toEqual({ contractIds: [], orderIds: [] });
  });
});
