import { describe, expect, it } from 'vitest';
import {
  bucketCapacity,
  DEFAULT_RATE_LIMITS,
  laneBounds,
  sanitizePersisted,
} from '../../../../src/core/resilience/rate-limit-config';

describe('rate limit configuration', () => {
  it('matches the service: 50 history requests per 30 s, 200 others per 60 s', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({
      bars: { max: 50, windowMs: 30_000 },
      general: { max: 200, windowMs: 60_000 },
    });
  });

  it('keeps the margin and reserves 10 % of general capacity for enforcement, none of bars', () => {
    expect(bucketCapacity('general', DEFAULT_RATE_LIMITS.general, 0.1, undefined)).toEqual({
      capacity: 180,
      reserve: 18,
    });
    expect(bucketCapacity('bars', DEFAULT_RATE_LIMITS.bars, 0.1, undefined)).toEqual({ capacity: 45, reserve: 0 });
  });

  it('never reserves the whole window: at least one slot stays open to every lane', () => {
    expect(bucketCapacity('general', { max: 3, windowMs: 1_000 }, 0, 10)).toEqual({ capacity: 3, reserve: 2 });
    expect(bucketCapacity('general', { max: 1, windowMs: 1_000 }, 0.5, undefined)).toEqual({
      capacity: 1,
      reserve: 0,
    });
  });

  it('applies a single queue bound to every lane, or merges per-lane bounds into the defaults', () => {
    expect(laneBounds(7)).toEqual({ enforcement: 7, reconciliation: 7, routine: 7 });
    expect(laneBounds({ routine: 3 })).toEqual({ enforcement: 1_000, reconciliation: 200, routine: 3 });
  });

  it('sanitizes what the store returns: bad entries dropped, future stamps clamped, pauses capped at one window', () => {
    expect(sanitizePersisted(undefined, 1_000, 60_000)).toBeUndefined();
    expect(sanitizePersisted({ sent: 'x' }, 1_000, 60_000)).toBeUndefined();
    expect(sanitizePersisted({ sent: [1, 'x', Number.NaN, 5_000], pausedUntil: 1e15 }, 1_000, 60_000)).toEqual({
      sent: [1, 1_000],
      pausedUntil: 61_000,
    });
    expect(sanitizePersisted({ sent: [] }, 1_000, 60_000)).toEqual({ sent: [], pausedUntil: 0 });
  });
});
