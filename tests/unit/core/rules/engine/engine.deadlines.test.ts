import { describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../../../../src/core/rules/engine/engine';
import { type EngineMemory, emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import type { AccountState } from '../../../../../src/core/state/account-state';
import { accountState, DAY, ES, guardState, NOW, position } from '../fixtures';
import { only } from './engine-config';

/**
 * The worker's alarm: the engine answers the earliest moment some rule in force needs a tick.
 * Here the stop-loss grace (30 s) of positions without a stop, started at known times.
 */

const engine = createRuleEngine();
const config = only({ stopLossRequired: { mode: 'enforce', graceSec: 30 } }, { monitoredAccountIds: [1, 2] });

/** An account holding ES without a stop, whose grace started `ago` ms before now. */
function unprotected(id: number, ago: number): { account: AccountState; memory: EngineMemory['accounts'] } {
  const p = position(ES, 1, 5000);
  const grace = { positionId: p.id, type: p.type, since: NOW - ago };
  return {
    account: accountState({ id, positions: [p], openedAt: { [ES]: NOW - ago } }),
    memory: { [String(id)]: { ...emptyRuleMemory(DAY.key), stopGrace: { [ES]: grace } } },
  };
}

const deadline = (...accounts: ReturnType<typeof unprotected>[]) =>
  engine.nextDeadline({
    config,
    state: guardState(accounts.map((a) => a.account)),
    memory: { accounts: Object.assign({}, ...accounts.map((a) => a.memory)) },
    now: NOW,
    tradingDay: DAY,
  });

describe('the engine’s next deadline', () => {
  it('is the earliest one, also when a later one comes after it', () => {
    // Account 1's grace ends in 10 s, account 2's in 25 s.
    expect(deadline(unprotected(1, 20_000), unprotected(2, 5_000))).toBe(NOW + 10_000);
    expect(deadline(unprotected(1, 5_000), unprotected(2, 20_000))).toBe(NOW + 10_000);
  });

  it('asks nothing of an account the guard does not monitor', () => {
    // Account 3's grace would end in 1 s, but no rule judges it.
    expect(deadline(unprotected(1, 20_000), unprotected(3, 29_000))).toBe(NOW + 10_000);
    expect(deadline(unprotected(3, 29_000))).toBeNull();
  });
});
