import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ambiguousKind,
  describeZodError,
  errorForStatus,
  parseRetryAfter,
  parseSuccessBody,
} from '../../../../src/core/gateway/error-mapping';

const read = { endpoint: '/api/Order/searchOpen', idempotent: true };
const place = { endpoint: '/api/Order/place', idempotent: false, unknownOutcomeCodes: new Set([6, 7]) };

describe('error mapping', () => {
  it('calls an ambiguous failure transient for a read and outcome-unknown for a mutation', () => {
    expect(ambiguousKind(read)).toBe('transient');
    expect(ambiguousKind(place)).toBe('outcome-unknown');
  });

  it('parses Retry-After as seconds, fractional seconds or an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2026-11-25T15:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Wed, 25 Nov 2026 15:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 14:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('maps statuses: 429 rate-limited, 5xx by idempotency, 401 auth, 4xx permanent', () => {
    expect(errorForStatus(429, '1', read, 0).kind).toBe('rate-limited');
    expect(errorForStatus(500, null, read, 0).kind).toBe('transient');
    expect(errorForStatus(502, null, place, 0).kind).toBe('outcome-unknown');
    expect(errorForStatus(401, null, place, 0).kind).toBe('auth');
    expect(errorForStatus(422, null, place, 0).kind).toBe('permanent');
  });

  it('describes zod failures by path', () => {
    const result = z.object({ a: z.array(z.object({ b: z.number() })) }).safeParse({ a: [{ b: 'x' }] });
    if (result.success) throw new Error('expected failure');
    expect(describeZodError(result.error)).toMatch(/^a\.0\.b: /);
  });

  it("maps only the endpoint's unknown-outcome codes to outcome-unknown", () => {
    const body = (code: number) => JSON.stringify({ success: false, errorCode: code, errorMessage: 'x' });
    expect(() => parseSuccessBody(body(7), 200, z.object({}), place)).toThrow(
      expect.objectContaining({ kind: 'outcome-unknown', errorCode: 7 }),
    );
    expect(() => parseSuccessBody(body(7), 200, z.object({}), read)).toThrow(
      expect.objectContaining({ kind: 'permanent', errorCode: 7 }),
    );
  });
});
