import { describe, expect, it } from 'vitest';
import {
  accountState,
  CL,
  ES,
  enforcements,
  guardState,
  position,
  positionEvent,
  trade,
  tradeEvent,
} from '../fixtures';
import { only, runEngine as run } from './engine-config';

/** Copy-trade groups: an account lockout of one member reaches the others; what is one account's own stays its own. */

describe('group lockouts', () => {
  it('tells the other member’s trader which account the lockout comes from, and why', () => {
    const config = only(
      { dailyRealizedLoss: { mode: 'enforce', limit: 100 } },
      { accountGroups: [{ name: 'copy', accountIds: [1, 2] }] },
    );
    const t = { ...trade({ orderId: 1, profitAndLoss: -150 }), accountId: 1 };
    const r = run(config, guardState([accountState({ id: 1, trades: [t] }), accountState({ id: 2 })]), tradeEvent(t));
    const [own, mirrored] = enforcements(r.decisions);
    expect(own?.accountId).toBe(1);
    expect(own?.reason).not.toBe('');
    expect(mirrored).toMatchObject({ accountId: 2, reason: `Group lockout from account 1: ${own?.reason}` });
  });

  it('keeps a blocked symbol to the account that blocks it: the group’s other account is not flattened for it', () => {
    const config = only(
      {},
      {
        accountGroups: [{ name: 'copy', accountIds: [1, 2] }],
        accountOverrides: { '1': { rules: { symbolBlocks: { mode: 'enforce', roots: ['CL'] } } } },
      },
    );
    const crude = { ...position(CL, 1, 70), accountId: 1 };
    const state = guardState([
      accountState({ id: 1, positions: [crude] }),
      accountState({ id: 2, positions: [position(ES, 1, 5000)] }),
    ]);
    const r = run(config, state, positionEvent(crude));
    const decided = enforcements(r.decisions);
    expect(decided.map((d) => d.lockout?.scope)).toContainEqual({ type: 'symbol', root: 'CL' });
    expect(decided.map((d) => d.accountId)).not.toContain(2);
  });
});
