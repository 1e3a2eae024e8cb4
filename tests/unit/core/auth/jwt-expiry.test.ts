import { describe, expect, it } from 'vitest';
import { jwtExpiry } from '../../../../src/core/auth/jwt-expiry';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const EXP = Date.UTC(2026, 10, 26, 14, 0, 0);

describe('JWT expiry', () => {
  it('reads the exp claim (seconds) as epoch milliseconds', () => {
    expect(jwtExpiry(`${b64url({ alg: 'HS256' })}.${b64url({ exp: EXP / 1000 })}.sig`)).toBe(EXP);
  });

  it('decodes base64url payloads that need - _ and padding', () => {
    const payload = b64url({ exp: EXP / 1000, name: '~~~???>>>' });
    expect(payload).toMatch(/[-_]/);
    expect(jwtExpiry(`h.${payload}.s`)).toBe(EXP);
  });

  it.each([
    ['no dots at all', 'opaque-token'],
    ['a payload that is not base64', 'a.%%%.c'],
    ['a payload that is not JSON', `a.${Buffer.from('not json').toString('base64url')}.c`],
    ['exp that is not a number', `a.${b64url({ exp: 'soon' })}.c`],
    ['no exp claim', `a.${b64url({ sub: 'x' })}.c`],
    ['a negative exp', `a.${b64url({ exp: -5 })}.c`],
    ['a JSON array payload', `a.${b64url([1, 2])}.c`],
  ])('answers undefined for %s', (_what, token) => {
    expect(jwtExpiry(token)).toBeUndefined();
  });
});
