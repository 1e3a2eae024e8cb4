import { describe, expect, it } from 'vitest';
import { knownBalance, money } from '../../../../../src/core/rules/measures/money';
import { accountState } from '../fixtures';

describe('money figures', () => {
  it('rounds money to cents', () => {
    expect(money(1.005 * 1000)).toBe(1005);
    expect(money(12.345)).toBe(12.35);
    expect(money(-0.1 - 0.2)).toBe(-0.3);
  });

  it('knows an account’s balance only once its own record arrived', () => {
    expect(knownBalance(accountState())).toBe(50_000);
    expect(knownBalance({ ...accountState(), placeholder: true })).toBeNull();
  });
});
