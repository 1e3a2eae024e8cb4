import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../../scripts/demo/stats';

describe('percentile', () => {
  it('interpolates between the two nearest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([0, 100], 99)).toBeCloseTo(99, 10);
  });

  it('does not depend on the order of the samples', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  });

  it('gives the minimum at p0 and the maximum at p100', () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
    expect(percentile([7, 3, 9], 100)).toBe(9);
  });

  it('returns the only sample for any p', () => {
    expect(percentile([42], 50)).toBe(42);
    expect(percentile([42], 99)).toBe(42);
  });

  it('finds the tail of 200 samples (p99 sits between the 198th and 199th smallest)', () => {
    const values = Array.from({ length: 200 }, (_, i) => i + 1); // 1..200
    expect(percentile(values, 99)).toBeCloseTo(198.01, 10);
    expect(percentile(values, 50)).toBe(100.5);
  });

  it('ignores non-finite samples and rejects an empty set or a bad p', () => {
    expect(percentile([1, Number.NaN, 3], 50)).toBe(2);
    expect(() => percentile([], 50)).toThrow(/no finite values/);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('leaves the input untouched', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it('reports count, p50, p99, min and max', () => {
    const s = summarize([4, 1, 3, 2]);
    expect(s).toMatchObject({ samples: 4, p50: 2.5, min: 1, max: 4 });
    expect(s.p99).toBeCloseTo(3.97, 10);
  });
});
