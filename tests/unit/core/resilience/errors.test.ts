import { describe, expect, it } from 'vitest';
import { GatewayError, isGatewayError, isTransient } from '../../../../src/core/resilience/errors';
import { rateBucketOf } from '../../../../src/core/resilience/lanes';

describe('gateway error taxonomy', () => {
  it('keeps kind, endpoint, status, code and retry-after', () => {
    const e = new GatewayError('rate-limited', 'slow down', {
      endpoint: '/api/Order/search',
      httpStatus: 429,
      retryAfterMs: 5000,
    });
    expect(isGatewayError(e)).toBe(true);
    expect(e).toMatchObject({
      kind: 'rate-limited',
      endpoint: '/api/Order/search',
      httpStatus: 429,
      retryAfterMs: 5000,
    });
    expect(e.name).toBe('GatewayError');
  });

  it('chains the cause it is given, and has none otherwise', () => {
    const cause = new Error('ECONNRESET');
    expect(new GatewayError('transient', 'network failure', { cause }).cause).toBe(cause);
    expect(new GatewayError('permanent', 'x').cause).toBeUndefined();
    expect(isGatewayError({ kind: 'transient' })).toBe(false);
  });

  it('treats only transient and rate-limited errors as retryable', () => {
    expect(isTransient(new GatewayError('transient', 'x'))).toBe(true);
    expect(isTransient(new GatewayError('rate-limited', 'x'))).toBe(true);
    for (const kind of ['auth', 'permanent', 'outcome-unknown', 'unavailable', 'aborted'] as const) {
      expect(isTransient(new GatewayError(kind, 'x'))).toBe(false);
    }
    expect(isTransient(new Error('plain'))).toBe(false);
  });

  it('puts History/retrieveBars in its own rate bucket', () => {
    expect(rateBucketOf('/api/History/retrieveBars')).toBe('bars');
    expect(rateBucketOf('/api/Order/place')).toBe('general');
  });
});
