import { describe, expect, it } from 'vitest';
import { GatewayError, type GatewayErrorKind } from '../../../../src/core/resilience/errors';
import { createRetryPolicy, isRetryable, retriesExhausted } from '../../../../src/core/resilience/retry-policy';
import { permanent, rateLimited, transient } from './helpers';

describe('retry policy', () => {
  it('backs off 1 s, 2 s, 4 s, 8 s without jitter and stops after 5 attempts', () => {
    const policy = createRetryPolicy({ jitter: 0 });
    const delays = [1, 2, 3, 4, 5].map((attempt) => policy.delayBefore(attempt, transient(), true));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, undefined]);
    expect(policy.maxAttempts).toBe(5);
  });

  it('adds jitter of at most 20 % on top of each nominal delay, drawn from the injected random', () => {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      const policy = createRetryPolicy({ random: () => r });
      for (const [attempt, nominal] of [
        [1, 1_000],
        [2, 2_000],
        [3, 4_000],
        [4, 8_000],
      ] as const) {
        const delay = policy.delayBefore(attempt, transient(), true) ?? Number.NaN;
        expect(delay).toBeGreaterThanOrEqual(nominal);
        expect(delay).toBeLessThanOrEqual(nominal * 1.2);
        expect(delay).toBe(Math.round(nominal * (1 + 0.2 * r)));
      }
    }
  });

  it('keeps jitter off when no random source is injected, and refuses jitter without one', () => {
    expect(createRetryPolicy().delayBefore(1, transient(), true)).toBe(1_000);
    expect(() => createRetryPolicy({ jitter: 0.5 })).toThrow(RangeError);
  });

  it('never retries a non-idempotent call, even on a transient error', () => {
    expect(createRetryPolicy().delayBefore(1, transient(), false)).toBeUndefined();
  });

  it.each<GatewayErrorKind>([
    'permanent',
    'auth',
    'outcome-unknown',
    'aborted',
    'unavailable',
    'queue-full',
    'invalid-response',
  ])('fails at once on a %s error', (kind) => {
    const policy = createRetryPolicy();
    const error = new GatewayError(kind, 'x');
    expect(isRetryable(error)).toBe(false);
    expect(policy.delayBefore(1, error, true)).toBeUndefined();
  });

  it('does not retry errors that are not GatewayErrors (programming faults)', () => {
    expect(createRetryPolicy().delayBefore(1, new TypeError('boom'), true)).toBeUndefined();
  });

  it('waits at least Retry-After on a rate-limited error', () => {
    const policy = createRetryPolicy();
    expect(policy.delayBefore(1, rateLimited(7_500), true)).toBe(7_500);
    expect(policy.delayBefore(4, rateLimited(2_000), true)).toBe(8_000);
    expect(policy.delayBefore(1, rateLimited(), true)).toBe(1_000);
  });

  it('caps the backoff at maxDelayMs but never shortens a Retry-After', () => {
    const policy = createRetryPolicy({ maxAttempts: 10, maxDelayMs: 5_000 });
    expect(policy.delayBefore(6, transient(), true)).toBe(5_000);
    expect(policy.delayBefore(6, rateLimited(45_000), true)).toBe(45_000);
  });

  it('honours custom base, multiplier and attempt count', () => {
    const policy = createRetryPolicy({ baseDelayMs: 100, multiplier: 3, maxAttempts: 3 });
    expect([1, 2, 3].map((a) => policy.delayBefore(a, transient(), true))).toEqual([100, 300, undefined]);
    expect(() => createRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
  });

  it('reports exhausted retries with the last error kind, details and cause kept', () => {
    const last = transient('/api/Position/searchOpen');
    const error = retriesExhausted(last, 5);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'transient', endpoint: '/api/Position/searchOpen', httpStatus: 503 });
    expect(error.message).toContain('gave up after 5 attempts');
    expect(error.cause).toBe(last);
    expect(permanent().kind).toBe('permanent');
  });
});
