import { describe, expect, it } from 'vitest';
import { tradingPermissionEntry as rule } from '../../../../../src/core/rules/catalog/trading-permission';

/** tradingPermission in the catalog: on by default, and its summary in the trader's words. */

describe('tradingPermission in the catalog', () => {
  it('is enforced, and alerts when the guard is blind, unless told otherwise', () => {
    expect(rule.settingsSchema.parse(undefined)).toMatchObject({ mode: 'enforce', alertWhenBlind: true });
  });

  it('sums itself up, with the blind alert only when it is on', () => {
    const summary = (alertWhenBlind: boolean) =>
      rule.summary?.(rule.settingsSchema.parse({ alertWhenBlind }), { reset: '17:00 CT' });
    expect(summary(true)).toBe(
      'Flatten and lock while the platform says the account cannot trade; alert when the guard cannot see the account',
    );
    expect(summary(false)).toBe('Flatten and lock while the platform says the account cannot trade');
  });
});
