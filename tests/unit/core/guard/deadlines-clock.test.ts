import { describe, expect, it } from 'vitest';
import { createDeadlines, DEADLINES } from '../../../../src/core/guard/deadlines';
import { defaultConfig } from '../../../../src/core/rules/config-schema';
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
