import { describe, expect, it } from 'vitest';
import { createDeadlines, DEADLINES } from '../../../../src/core/guard/deadlines';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { emptyEngineMemory } from '../../../../src/core/rules/rule-memory';
import { createEmptyGuardState } from '../../../../src/core/state/account-state';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';

describe('deadlines after the clock jumps', () => {
  it('schedules the reset again even when its time is unchanged, so its timer uses the new clock', () => {
    let now = Date.UTC(2026, 10, 25, 16, 0, 0); // 10:00 CT
    const scheduled: Array<[string, number]> = [];
    const deadlines = createDeadlines({
      scheduler: { schedule: (name, at) => scheduled.push([name, at]), cancel: () => {} },
      clock: { now: () => now },
      dayClock: () => createTradingDayClock(),
      lockouts: { nextExpiry: () => null },
      engine: { nextDeadline: () => null },
      config: defaultConfig,
      state: () => createEmptyGuardState(now),
      memory: emptyEngineMemory,
    });
    deadlines.armAll();
    now = Date.UTC(2026, 10, 25, 22, 59, 57); // 16:59:57 CT: same next reset
    deadlines.armAll();
    expect(scheduled.filter(([n]) => n === DEADLINES.reset)).toHaveLength(1);
    deadlines.forget();
    deadlines.armAll();
    const resets = scheduled.filter(([n]) => n === DEADLINES.reset);
    expect(resets).toHaveLength(2);
    expect(resets[1]?.[1]).toBe(Date.UTC(2026, 10, 25, 23, 0, 0));
  });
});

describe('deadlines on the guard’s time, scheduled on the local clock', () => {
  const RESET = Date.UTC(2026, 10, 25, 23, 0, 0);
  function setup() {
    const guardNow = Date.UTC(2026, 10, 25, 16, 0, 0);
    const w = { skew: 0 };
    const scheduled: Array<[string, number]> = [];
    const deadlines = createDeadlines({
      scheduler: { schedule: (name, at) => scheduled.push([name, at]), cancel: () => {} },
      clock: { now: () => guardNow },
      toLocal: (at) => at + w.skew,
      dayClock: () => createTradingDayClock(),
      lockouts: { nextExpiry: () => null },
      engine: { nextDeadline: () => null },
      config: defaultConfig,
      state: () => createEmptyGuardState(guardNow),
      memory: emptyEngineMemory,
    });
    const resets = () => scheduled.filter(([n]) => n === DEADLINES.reset).map(([, at]) => at);
    return { w, deadlines, resets };
  }

  it('hands the reset to the scheduler at the local clock’s reading of it', () => {
    const { w, deadlines, resets } = setup();
    w.skew = 3_600_000; // the computer's clock is an hour ahead of the server's
    deadlines.armAll();
    expect(resets()).toEqual([RESET + 3_600_000]);
    expect(deadlines.armed()[DEADLINES.reset]).toBe(RESET);
  });

  it('hands it over again when the computer’s clock was set since, not for a millisecond of jitter', () => {
    const { w, deadlines, resets } = setup();
    deadlines.armAll();
    w.skew = 400;
    deadlines.armAll();
    expect(resets()).toEqual([RESET]);
    w.skew = 8 * 3_600_000;
    deadlines.armAll();
    expect(resets()).toEqual([RESET, RESET + 8 * 3_600_000]);
  });

  it('arms a deadline that fired (early, by a clock set ahead) again while it is still due', () => {
    const { deadlines, resets } = setup();
    deadlines.armAll();
    deadlines.fired(DEADLINES.reset);
    deadlines.armAll();
    expect(resets()).toEqual([RESET, RESET]);
  });
});
