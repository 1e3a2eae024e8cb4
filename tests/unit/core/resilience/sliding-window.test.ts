import { describe, expect, it } from 'vitest';
import { createSlidingWindow } from '../../../../src/core/resilience/sliding-window';

describe('sliding window', () => {
  it('drops a stamp exactly when it is windowMs old', () => {
    const w = createSlidingWindow({ windowMs: 1_000, capacity: 2, reserve: 0 });
    w.record(0);
    w.record(500);
    expect(w.count(999)).toBe(2);
    expect(w.count(1_000)).toBe(1);
    expect(w.count(1_500)).toBe(0);
  });

  it('gives the next slot when the stamp that blocks the lane leaves the window', () => {
    const w = createSlidingWindow({ windowMs: 1_000, capacity: 3, reserve: 1 });
    w.record(0);
    w.record(100);
    expect(w.hasRoom('routine', 200)).toBe(false);
    expect(w.hasRoom('enforcement', 200)).toBe(true);
    expect(w.slotAt('routine', 200)).toBe(1_000);
    expect(w.slotAt('enforcement', 200)).toBe(200);
    w.record(200);
    expect(w.slotAt('enforcement', 300)).toBe(1_000);
    expect(w.slotAt('routine', 300)).toBe(1_100);
  });

  it('merges stamps from elsewhere in order and forgets those already out of the window', () => {
    const w = createSlidingWindow({ windowMs: 1_000, capacity: 10, reserve: 0 });
    w.record(900);
    w.merge([50, 400, 1_200], 1_300);
    expect(w.stamps(1_300)).toEqual([400, 900, 1_200]);
  });
});
