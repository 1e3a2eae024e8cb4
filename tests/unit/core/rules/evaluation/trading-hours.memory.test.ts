import { describe, expect, it } from 'vitest';
import { tradingHoursRule as rule } from '../../../../../src/core/rules/evaluation/trading-hours';
import { NOW, runRule, tick } from '../fixtures';

/** tradingHours notes when its window opens or closes, and writes nothing while it stays as it was. */

// NOW is 09:00 Chicago on a Wednesday: inside the default 08:30–15:10 window.
describe('tradingHours memory', () => {
  it('notes the window’s state once, then leaves the memory unwritten while it stays open', () => {
    const first = runRule(rule, { event: tick() });
    expect(first.memory.windowOpen).toEqual({ '': true });
    const again = runRule(rule, { event: tick(NOW + 60_000), now: NOW + 60_000, memory: first.memory });
    expect(again.memory).toBe(first.memory);
  });
});
