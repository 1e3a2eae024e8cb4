import { describe, expect, it, vi } from 'vitest';
import {
  ENFORCEMENT_EVENTS,
  ENFORCEMENT_STATES,
  ENFORCEMENT_TRANSITIONS,
  type EnforcementEvent,
  type EnforcementEventType,
  type EnforcementState,
  type EnforcementStatus,
  nextEnforcementStatus,
} from '../../../../src/core/enforce/enforcement-status';
import { useFakeTimeAtT0 } from './fake-time';
import { decision, drain, MNQ, makeRig } from './harness';

/** The enforcement status machine: its table, and the enforcer moving only along it. */

const STATUS: Record<EnforcementState, EnforcementStatus> = {
  idle: { state: 'idle' },
  enforcing: { state: 'enforcing', since: 1, what: 'flat', round: 2 },
  failed: { state: 'failed', since: 1, what: 'flat', reason: 'no answer', nextAttemptAt: 20 },
  converged: { state: 'converged', at: 9, what: 'flat', actions: 1 },
};

const EVENT: Record<EnforcementEventType, EnforcementEvent> = {
  start: { type: 'start', since: 10, what: 'flat, no working orders' },
  round: { type: 'round', since: 10, what: 'flat, no working orders', round: 3 },
  converge: { type: 'converge', at: 11, what: 'flat, no working orders', actions: 2 },
  fail: { type: 'fail', since: 10, what: 'flat, no working orders', reason: 'reads failed', nextAttemptAt: 30 },
};

/** Every state against every event: where it goes, null where the machine ignores it. */
const TABLE: Array<[EnforcementState, EnforcementEventType, EnforcementState | null]> = [
  ['idle', 'start', 'enforcing'],
  ['idle', 'round', null],
  ['idle', 'converge', null],
  ['idle', 'fail', null],
  ['enforcing', 'start', 'enforcing'],
  ['enforcing', 'round', 'enforcing'],
  ['enforcing', 'converge', 'converged'],
  ['enforcing', 'fail', 'failed'],
  ['converged', 'start', 'enforcing'],
  ['converged', 'round', 'enforcing'],
  ['converged', 'converge', null],
  ['converged', 'fail', null],
  ['failed', 'start', 'enforcing'],
  ['failed', 'round', null],
  ['failed', 'converge', null],
  ['failed', 'fail', null],
];

describe('enforcement status machine', () => {
  it('lists every state against every event', () => {
    expect(TABLE).toHaveLength(ENFORCEMENT_STATES.length * ENFORCEMENT_EVENTS.length);
  });

  it('names the states of the table and the events of the specification, each once', () => {
    expect([...ENFORCEMENT_STATES].sort()).toEqual(Object.keys(ENFORCEMENT_TRANSITIONS).sort());
    expect(TABLE.map(([from, event]) => `${from} ${event}`).sort()).toEqual(
      ENFORCEMENT_STATES.flatMap((from) => ENFORCEMENT_EVENTS.map((event) => `${from} ${event}`)).sort(),
    );
  });

  it.each(TABLE)('from %s on %s goes to %s', (from, event, to) => {
    expect(ENFORCEMENT_TRANSITIONS[from][event] ?? null).toBe(to);
    expect(nextEnforcementStatus(STATUS[from], EVENT[event])?.state ?? null).toBe(to);
  });

  it('carries what the event says into the status it leads to', () => {
    expect(nextEnforcementStatus(STATUS.idle, EVENT.start)).toEqual({
      state: 'enforcing',
      since: 10,
      what: 'flat, no working orders',
      round: 0,
    });
    expect(nextEnforcementStatus(STATUS.converged, EVENT.round)).toEqual({
      state: 'enforcing',
      since: 10,
      what: 'flat, no working orders',
      round: 3,
    });
    expect(nextEnforcementStatus(STATUS.enforcing, EVENT.converge)).toEqual({
      state: 'converged',
      at: 11,
      what: 'flat, no working orders',
      actions: 2,
    });
    expect(nextEnforcementStatus(STATUS.enforcing, EVENT.fail)).toEqual({
      state: 'failed',
      since: 10,
      what: 'flat, no working orders',
      reason: 'reads failed',
      nextAttemptAt: 30,
    });
  });
});

describe('enforcer: its status moves only along the table', () => {
  useFakeTimeAtT0();

  const allowed = (from: EnforcementStatus, to: EnforcementStatus) =>
    Object.values(ENFORCEMENT_TRANSITIONS[from.state]).includes(to.state);

  it('from idle through enforcing to converged, and through failed back to enforcing on a retry', async () => {
    const { fake, enforcer } = makeRig({ maxRounds: 2, retryFailedAfterMs: 10_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.inject('closePosition', 'failed', 3);
    let last: EnforcementStatus = enforcer.status(1);
    const steps: Array<[string, string]> = [];
    enforcer.onStatus((_a, s) => {
      if (!allowed(last, s)) throw new Error(`${last.state} → ${s.state} is not in the table`);
      steps.push([last.state, s.state]);
      last = s;
    });
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(enforcer.status(1).state).toBe('failed');
    await vi.advanceTimersByTimeAsync(10_000);
    await drain(enforcer);
    expect(enforcer.status(1).state).toBe('converged');
    expect(steps[0]).toEqual(['idle', 'enforcing']);
    expect(steps).toContainEqual(['enforcing', 'failed']);
    expect(steps).toContainEqual(['failed', 'enforcing']);
    expect(steps.at(-1)).toEqual(['enforcing', 'converged']);
  });
});
