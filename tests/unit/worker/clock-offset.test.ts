import { describe, expect, it } from 'vitest';
import { createOffsetClock } from '../../../src/worker/clock-offset';

describe('the guard clock of the local build', () => {
  it('is the wall clock until shifted, then the wall clock plus the shift', () => {
    let wall = 1000;
    const clock = createOffsetClock(() => wall);
    expect(clock.now()).toBe(1000);
    clock.setOffsetMs(60_000);
    wall = 2000;
    expect(clock.now()).toBe(62_000);
    expect(clock.offsetMs()).toBe(60_000);
    expect(() => clock.setOffsetMs(Number.NaN)).toThrow(RangeError);
  });
});
