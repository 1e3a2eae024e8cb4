import { describe, expect, it } from 'vitest';
import {
  type EngineMemory,
  emptyEngineMemory,
  emptyRuleMemory,
  type Latch,
} from '../../../../../src/core/rules/rule-memory';
import type { DomainEvent } from '../../../../../src/core/state/events';
import {
  ACCOUNT,
  accountState,
  DAY,
  ES,
  enforcements,
  guardState,
  NOW,
  position,
  positionEvent,
  tick,
  trade,
  tradeEvent,
} from '../fixtures';
import { only, runEngine as run } from './engine-config';

/**
 * What the engine writes to the memory the guard persists: expired latches go on ticks, and an
 * event that changes nothing comes back with the very memory it was given (nothing to persist).
 */

/** The account's memory of today with these latches. */
const withLatches = (latches: Record<string, Latch>, day = DAY.key): EngineMemory => ({
  accounts: { [String(ACCOUNT)]: { ...emptyRuleMemory(day), latches } },
});

describe('the engine’s memory', () => {
  const maxContracts = only({ maxContracts: { mode: 'enforce', limit: 5, counting: 'contracts' } });
  const oneContract = guardState([accountState({ positions: [position(ES, 1, 5000)] })]);

  it('forgets on the tick a latch that ends at that very moment, and keeps one that ends a millisecond later', () => {
    // A latch holds while `until > now` (latches.ts): at `until === now` it is over.
    const memory = withLatches({
      'tradeFrequency|minute': { sig: '', until: NOW },
      'tradeFrequency|hour': { sig: '', until: NOW + 1 },
    });
    const r = run(only({ tradingPermission: { mode: 'enforce' } }), oneContract, tick(), memory);
    expect(Object.keys(r.memory.accounts[String(ACCOUNT)]?.latches ?? {})).toEqual(['tradeFrequency|hour']);
  });

  it('writes nothing on a quiet fill, not even to sweep a cooldown that ran out: that waits for the next tick', () => {
    const memory = withLatches({ 'tradeFrequency|minute': { sig: '', until: NOW - 1 } });
    const r = run(maxContracts, oneContract, positionEvent(position(ES, 1, 5000)), memory);
    expect(r.decisions).toEqual([]);
    expect(r.memory).toBe(memory);
  });

  it('runs nothing and writes nothing on an event no rule in force listens to, even with yesterday’s memory', () => {
    // maxContracts listens to positions and ticks, not to account updates.
    const a = accountState({ positions: [position(ES, 9, 5000)] });
    const memory = withLatches({}, '2026-11-24');
    const accountEvent: DomainEvent = { kind: 'account', source: 'hub', receivedAt: NOW, account: a.account };
    // A config of its own: the plan is made on this event, not taken from an earlier test's.
    const r = run(only({ maxContracts: { mode: 'enforce', limit: 5 } }), guardState([a]), accountEvent, memory);
    expect(r.decisions).toEqual([]);
    expect(r.memory).toBe(memory);
  });

  it('answers the same input the same way: given twice the memory from before a switch to enforce, it flattens twice', () => {
    const t = trade({ orderId: 1, profitAndLoss: -600 });
    const state = guardState([accountState({ trades: [t] })]);
    const monitored = run(
      only({ dailyRealizedLoss: { mode: 'monitor', limit: 500 } }),
      state,
      tradeEvent(t),
      emptyEngineMemory(),
    );
    const enforce = only({ dailyRealizedLoss: { mode: 'enforce', limit: 500 } });
    const first = run(enforce, state, tradeEvent(t), monitored.memory);
    const retried = run(enforce, state, tradeEvent(t), monitored.memory);
    expect(enforcements(first.decisions)).toMatchObject([{ ruleId: 'dailyRealizedLoss', monitorOnly: false }]);
    expect(retried.decisions).toEqual(first.decisions);
    expect(retried.memory).toEqual(first.memory);
  });
});
