import { describe, expect, it } from 'vitest';
import { trailingDrawdownEntry as rule } from '../../../../../src/core/rules/catalog/trailing-drawdown';

const settings = { startingBalance: 50_000, maxLoss: 2000, buffer: 200 };

describe('trailingDrawdown settings', () => {
  it('refuses a buffer as large as the maximum loss (it would stop before any loss)', () => {
    const r = rule.settingsSchema.safeParse({ ...settings, buffer: 2000 });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: ['buffer'], message: 'the buffer must be smaller than the maximum loss' }),
    ]);
    expect(rule.settingsSchema.safeParse({ ...settings, buffer: 1999 }).success).toBe(true);
  });
});

describe('trailingDrawdown in words', () => {
  it('says where it stops, before what, from where', () => {
    expect(rule.summary?.(rule.settingsSchema.parse({ mode: 'enforce', ...settings }), { reset: '17:00 CT' })).toBe(
      'Flatten and lock until 17:00 CT $200 before the firm’s maximum loss ($2,000 below the end-of-day high, from $50,000)',
    );
  });
});
