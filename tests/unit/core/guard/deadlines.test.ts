import { describe, expect, it } from 'vitest';
import { createDeadlines, DEADLINES } from '../../../../src/core/guard/deadlines';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { emptyEngineMemory } from '../../../../src/core/rules/rule-memory';
import { createEmptyGuardState } from '../../../../src/core/state/account-state';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';

const T0 = Date.parse('2026-11-25T15:00:00Z'); // 09:00 Chicago
const RESET = Date.parse('2026-11-25T23:00:00Z'); // 17:00 Chicago

function setup() {
  let now = T0;
  const calls: Array<['schedule', string, number] | ['cancel', string]> = [];
  const scheduler = {
    schedule: (name: string, at: number) => calls.push(['schedule', name, at]),
    cancel: (name: string) => calls.push(['cancel', name]),
  };
  let nextExpiry: number | null = null;
  let ruleDeadline: number | null = null;
  let stateDay: string | undefined;
  let pendingAt: number | null = null;
  const engineInputs: unknown[] = [];
  const deadlines = createDeadlines({
    scheduler,
    clock: { now: () => now },
    dayClock: () => createTradingDayClock(),
    pendingAt: () => pendingAt,
    lockouts: { nextExpiry: () => nextExpiry },
    engine: {
      nextDeadline: (input) => {
        engineInputs.push(input);
        return ruleDeadline;
      },
    },
    config: () => defaultConfig(),
    state: () => ({ ...createEmptyGuardState(T0), ...(stateDay === undefined ? {} : { tradingDay: stateDay }) }),
    memory: () => emptyEngineMemory(),
  });
  return {
    deadlines,
    calls,
    engineInputs,
    setNow: (ms: number) => (now = ms),
    setStateDay: (day: string) => (stateDay = day),
    setPending: (at: number | null) => (pendingAt = at),
    setExpiry: (ms: number | null) => (nextExpiry = ms),
    setRule: (ms: number | null) => (ruleDeadline = ms),
  };
}

describe('guard deadlines', () => {
  it('arms the next 17:00 Chicago reset, once per distinct time', () => {
    const { deadlines, calls, setNow } = setup();
    deadlines.armReset();
    deadlines.armReset();
    expect(calls).toEqual([['schedule', DEADLINES.reset, RESET]]);
    setNow(RESET + 1);
    deadlines.armReset();
    expect(calls.at(-1)).toEqual(['schedule', DEADLINES.reset, RESET + 24 * 3_600_000]);
  });

  it('arms the earliest lockout expiry and cancels it when no lockout is left', () => {
    const { deadlines, calls, setExpiry } = setup();
    deadlines.armLockouts(); // nothing armed, nothing to cancel
    expect(calls).toEqual([]);
    setExpiry(T0 + 60_000);
    deadlines.armLockouts();
    setExpiry(null);
    deadlines.armLockouts();
    deadlines.armLockouts();
    expect(calls).toEqual([
      ['schedule', DEADLINES.lockout, T0 + 60_000],
      ['cancel', DEADLINES.lockout],
    ]);
  });

  it('arms the rules’ next deadline from the engine with the current trading day', () => {
    const { deadlines, calls, engineInputs, setRule } = setup();
    setRule(T0 + 30_000);
    deadlines.armRules();
    expect(calls).toEqual([['schedule', DEADLINES.rules, T0 + 30_000]]);
    expect(engineInputs[0]).toMatchObject({ now: T0, tradingDay: { key: '2026-11-25', nextReset: RESET } });
  });

  it('arms all three and reports what is armed', () => {
    const { deadlines, setExpiry, setRule } = setup();
    setExpiry(T0 + 1000);
    setRule(T0 + 2000);
    deadlines.armAll();
    expect(deadlines.armed()).toEqual({
      [DEADLINES.reset]: RESET,
      [DEADLINES.lockout]: T0 + 1000,
      [DEADLINES.rules]: T0 + 2000,
    });
  });

  it('schedules a deadline again after it fired, even at an unchanged time: a timer may fire a hair early', () => {
    const { deadlines, calls, setNow } = setup();
    deadlines.armReset();
    // The reset's timer fires 0.8 ms before 17:00 (Node's and browsers' timers can): nothing
    // is due yet, so the same reset must be scheduled again, or it would wait for the watchdog.
    setNow(RESET - 0.8);
    deadlines.fired(DEADLINES.reset);
    deadlines.armReset();
    expect(calls).toEqual([
      ['schedule', DEADLINES.reset, RESET],
      ['schedule', DEADLINES.reset, RESET],
    ]);
  });

  it('arms the reset at once while the state is still in the day before: a tick that straddled 17:00 judged the old day', () => {
    const { deadlines, calls, setNow, setStateDay } = setup();
    setStateDay('2026-11-25');
    setNow(RESET + 3);
    deadlines.armReset();
    expect(calls).toEqual([['schedule', DEADLINES.reset, RESET]]);
    // Once the state has rolled: tomorrow's.
    setStateDay('2026-11-26');
    deadlines.armReset();
    expect(calls.at(-1)).toEqual(['schedule', DEADLINES.reset, RESET + 24 * 3_600_000]);
  });

  it('arms the reset at once while a held-back config is due, and at its time while it is not', () => {
    const { deadlines, calls, setNow, setStateDay, setPending } = setup();
    setPending(RESET);
    deadlines.armReset();
    expect(calls).toEqual([['schedule', DEADLINES.reset, RESET]]);
    setNow(RESET + 3);
    setStateDay('2026-11-26'); // rolled, but the config is still held back
    deadlines.armReset();
    expect(calls.at(-1)).toEqual(['schedule', DEADLINES.reset, RESET]);
  });

  it('fires a deadline that stays due at most once a second', () => {
    const { deadlines, calls, setNow, setStateDay } = setup();
    setStateDay('2026-11-25');
    setNow(RESET + 3);
    deadlines.armReset();
    deadlines.fired(DEADLINES.reset); // …and the state could not roll
    deadlines.armReset();
    expect(calls).toEqual([
      ['schedule', DEADLINES.reset, RESET],
      ['schedule', DEADLINES.reset, RESET + 3 + 1000],
    ]);
  });
});
