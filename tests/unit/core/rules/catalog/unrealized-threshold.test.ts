import { describe, expect, it } from 'vitest';
import { unrealizedLossEntry as lossRule } from '../../../../../src/core/rules/catalog/unrealized-loss';
import { unrealizedProfitTargetEntry as profitRule } from '../../../../../src/core/rules/catalog/unrealized-profit-target';
import { defaultConfig } from '../../../../../src/core/rules/config/config-schema';

describe('unrealizedLoss and unrealizedProfitTarget in words', () => {
  const ctx = { reset: '17:00 CT' };
  const lossSummary = (s: object) => lossRule.summary?.(lossRule.settingsSchema.parse({ mode: 'enforce', ...s }), ctx);
  const profitSummary = (s: object) =>
    profitRule.summary?.(profitRule.settingsSchema.parse({ mode: 'enforce', ...s }), ctx);

  it('says what each limit does, the lock included', () => {
    expect(lossSummary({ perPosition: 300, total: 800 })).toBe(
      'Close a position at $300 open loss; flatten and lock until 17:00 CT at $800 open loss on the account',
    );
    expect(lossSummary({ perPosition: null, total: 800, lockAfterTotal: false })).toBe(
      'Flatten at $800 open loss on the account',
    );
    expect(profitSummary({ perPosition: 100, total: 500 })).toBe(
      'Close a position at $100 open profit; flatten and stop until 17:00 CT at $500 open profit on the account',
    );
  });

  it('says when nothing is set', () => {
    expect(lossSummary({ perPosition: null, total: null })).toBe('No limit set');
    expect(profitSummary({ perPosition: null, total: null })).toBe('No target set');
  });

  it('is off by default', () => {
    const rules = defaultConfig().defaultProfile.rules;
    expect([rules.unrealizedLoss.mode, rules.unrealizedProfitTarget.mode]).toEqual(['off', 'off']);
  });
});
