import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../../src/core/rules/engine-routing';
import type { GuardState } from '../../../../src/core/state/account-state';
import { accountState, ES, guardState, MNQ, position, positionEvent, quoteEvent, tick } from './fixtures';

function routed(
  router: ReturnType<typeof createRouter>,
  state: GuardState,
  event: Parameters<typeof router.affectedAccounts>[1],
) {
  const n = router.affectedAccounts(state, event);
  return router.targets.slice(0, n).map((key, i) => {
    // The state at the same index is the account under that key.
    expect(router.targetStates[i]).toBe(state.accounts[key]);
    return key;
  });
}

describe('engine routing', () => {
  const holdsEs = accountState({ id: 1, positions: [position(ES, 1, 5000)] });
  const holdsMnq = accountState({ id: 2, positions: [position(MNQ, -1, 20000)] });
  const flat = accountState({ id: 3 });

  it('sends a quote to the accounts holding the contract, in key order', () => {
    const state = guardState([flat, holdsMnq, holdsEs]);
    const router = createRouter();
    expect(routed(router, state, quoteEvent(ES, 5001))).toEqual(['1']);
    expect(routed(router, state, quoteEvent(MNQ, 20001))).toEqual(['2']);
    expect(routed(router, state, quoteEvent('CON.F.US.GC.G27', 1))).toEqual([]);
  });

  it('sends a tick to every account and a position event to its own account only', () => {
    const state = guardState([holdsEs, holdsMnq, flat]);
    const router = createRouter();
    expect(routed(router, state, tick())).toEqual(['1', '2', '3']);
    const p = { ...position(MNQ, 1, 20000), accountId: 2 };
    expect(routed(router, state, positionEvent(p))).toEqual(['2']);
    expect(routed(router, state, positionEvent({ ...p, accountId: 99 }))).toEqual([]);
  });

  it('lists the keys again when the accounts record is replaced (an account added or removed)', () => {
    const router = createRouter();
    const before = guardState([holdsEs]);
    expect(routed(router, before, quoteEvent(ES, 5001))).toEqual(['1']);
    const added = {
      ...before,
      accounts: { ...before.accounts, '4': accountState({ id: 4, positions: [position(ES, 2, 5000)] }) },
    };
    expect(routed(router, added, quoteEvent(ES, 5001))).toEqual(['1', '4']);
    expect(routed(router, added, tick())).toEqual(['1', '4']);
    const removed = { ...added, accounts: { '4': added.accounts['4'] as GuardState['accounts'][string] } };
    expect(routed(router, removed, quoteEvent(ES, 5001))).toEqual(['4']);
  });
});
