import { describe, expect, it } from 'vitest';
import { createSlidingWindow } from '../../../../src/core/resilience/sliding-window';

const window = (capacity: number, reserve = 0) =>
  createSlidingWindow({ windowMs: 1_000, capacity, reserve, maxInFlightMs: 10_000 });

describe('sliding window', () => {
  it('holds a slot while the request is in flight and drops it windowMs after completion', () => {
    const w = window(2);
    const a = w.begin(0);
    w.complete(a, 200);
    w.complete(w.begin(500), 500);
    expect(w.count(1_199)).toBe(2);
    expect(w.count(1_200)).toBe(1);
    expect(w.count(1_500)).toBe(0);
    const flying = w.begin(1_500);
    expect(w.count(9_000)).toBe(1);
    expect(w.inFlight()).toBe(1);
    w.complete(flying, 9_000);
    expect(w.inFlight()).toBe(0);
    expect(w.count(9_999)).toBe(1);
    expect(w.count(10_000)).toBe(0);
  });

  it('gives the next slot when the stamp that blocks the lane leaves the window', () => {
    const w = window(3, 1);
    w.complete(w.begin(0), 0);
    w.complete(w.begin(100), 100);
    expect(w.hasRoom('routine', 200)).toBe(false);
    expect(w.hasRoom('enforcement', 200)).toBe(true);
    expect(w.slotAt('routine', 200)).toBe(1_000);
    expect(w.slotAt('enforcement', 200)).toBe(200);
    w.complete(w.begin(200), 200);
    expect(w.slotAt('enforcement', 300)).toBe(1_000);
    expect(w.slotAt('routine', 300)).toBe(1_100);
  });

  it('plans for an in-flight slot at its latest completion: grant + maxInFlightMs', () => {
    const w = window(1);
    const id = w.begin(0);
    expect(w.slotAt('routine', 100)).toBe(11_000);
    w.complete(id, 300);
    expect(w.slotAt('routine', 300)).toBe(1_300);
  });

  it('counts a slot never completed as completed maxInFlightMs after its grant', () => {
    const w = window(1);
    const id = w.begin(0);
    expect(w.count(10_999)).toBe(1);
    expect(w.inFlight()).toBe(0);
    expect(w.count(11_000)).toBe(0);
    w.complete(id, 12_000); // late release of an expired slot changes nothing
    expect(w.count(12_000)).toBe(0);
  });

  it('merges stamps from elsewhere in order, and persists in-flight slots as completing now', () => {
    const w = createSlidingWindow({ windowMs: 1_000, capacity: 10, reserve: 0, maxInFlightMs: 10_000 });
    w.complete(w.begin(900), 900);
    w.begin(1_250);
    w.merge([50, 400, 1_200], 1_300);
    expect(w.stamps(1_300)).toEqual([400, 900, 1_200, 1_300]);
  });
});
