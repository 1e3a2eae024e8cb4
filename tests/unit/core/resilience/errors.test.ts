import { describe, expect, it } from 'vitest';
import { GatewayError, isGatewayError, isTransient } from '../../../../src/core/resilience/errors';

describe('gateway error taxonomy', () => {
  it('keeps kind and details, and chains the cause', () => {
    const cause = new Error('ECONNRESET');
    const error = new GatewayError('transient', 'network failure', {
      endpoint: '/api/Order/searchOpen',
      httpStatus: 502,
      errorCode: 0,
      retryAfterMs: 10,
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GatewayError');
    expect(error).toMatchObject({ kind: 'transient', endpoint: '/api/Order/searchOpen', httpStatus: 502 });
    expect(error.retryAfterMs).toBe(10);
    expect(error.cause).toBe(cause);
    expect(new GatewayError('permanent', 'x').cause).toBeUndefined();
  });

  it('calls only transient and rate-limited gateway errors transient', () => {
    expect(isTransient(new GatewayError('transient', 'x'))).toBe(true);
    expect(isTransient(new GatewayError('rate-limited', 'x'))).toBe(true);
    expect(isTransient(new GatewayError('outcome-unknown', 'x'))).toBe(false);
    expect(isTransient(new Error('transient'))).toBe(false);
    expect(isGatewayError({ kind: 'transient' })).toBe(false);
  });
});
