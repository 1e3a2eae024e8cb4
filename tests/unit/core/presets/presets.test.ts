import { describe, expect, it } from 'vitest';
import { applyPresetPlan, presetFigures, presetRules } from '../../../../src/core/presets/presets';
import { ACCOUNT_TYPES, guessAccountType } from '../../../../src/core/presets/topstep-accounts';
import { RULE_IDS } from '../../../../src/core/rules/catalog/rule-catalog';
import { defaultConfig, parseConfig } from '../../../../src/core/rules/config/config-schema';

describe('presets', () => {
  it('sets a 50K Combine, standard, to the firm size and a daily loss well inside the maximum loss', () => {
    const r = presetRules({ type: 'combine-50k', style: 'standard' });
    expect(r.maxContracts).toMatchObject({ mode: 'enforce', limit: 5, counting: 'mini' });
    expect(r.dailyRealizedLoss).toMatchObject({ mode: 'enforce', limit: 500 });
    expect(r.dailyNetLoss).toMatchObject({ mode: 'enforce', firmLimit: 1000, buffer: 100 });
    expect(r.weeklyLoss).toMatchObject({ mode: 'enforce', limit: 1000, flatten: true });
    expect(r.trailingDrawdown).toMatchObject({ mode: 'enforce', startingBalance: 50_000, maxLoss: 2000, buffer: 200 });
    expect(r.tradingPermission.mode).toBe('enforce');
    expect(r.cooldownAfterLoss.mode).toBe('off');
  });

  it('scales with the account: 100K and 150K take 10 and 15 minis and their own maximum loss', () => {
    expect(presetFigures({ type: 'combine-100k', style: 'standard' })).toEqual({
      maxContracts: 10,
      dailyLoss: 750,
      netLossLimit: 1500,
      netLossBuffer: 150,
      weeklyLoss: 1500,
      drawdown: { startingBalance: 100_000, maxLoss: 3000, buffer: 300 },
    });
    expect(presetFigures({ type: 'express-150k', style: 'strict' })).toEqual({
      maxContracts: 15,
      dailyLoss: 550, // 4,500 / 8 = 562.50, rounded down to whole $25
      netLossLimit: 1125,
      netLossBuffer: 100,
      weeklyLoss: 1125,
      drawdown: { startingBalance: 150_000, maxLoss: 4500, buffer: 1125 },
    });
  });

  it('keeps every loss figure of every preset inside the firm maximum loss, the guard before the firm', () => {
    for (const t of ACCOUNT_TYPES) {
      for (const style of ['standard', 'strict'] as const) {
        const f = presetFigures({ type: t.id, style });
        const maxLoss = t.maxLoss ?? 2000;
        expect(f.dailyLoss).toBeLessThanOrEqual(maxLoss / 4);
        expect(f.netLossLimit - f.netLossBuffer).toBeLessThan(maxLoss);
        expect(f.dailyLoss).toBeLessThan(f.netLossLimit - f.netLossBuffer);
        expect(f.weeklyLoss).toBeLessThanOrEqual(maxLoss / 2);
        expect(f.weeklyLoss).toBeGreaterThan(f.dailyLoss);
        if (f.drawdown) expect(f.drawdown.buffer).toBeGreaterThan(0);
      }
    }
  });

  it('makes strict stricter: smaller losses, pauses after losses, a stop within a minute, flat before 15:10 CT', () => {
    const r = presetRules({ type: 'combine-50k', style: 'strict' });
    expect(r.dailyRealizedLoss.limit).toBe(250);
    expect(r.cooldownAfterLoss).toMatchObject({
      mode: 'enforce',
      tiers: [{ loss: 125, minutes: 30 }],
      streak: { count: 3, minutes: 30 },
    });
    expect(r.stopLossRequired).toMatchObject({ mode: 'enforce', graceSec: 60 });
    expect(r.tradingHours).toMatchObject({ mode: 'enforce', start: '17:00', end: '15:05', weekdays: [0, 1, 2, 3, 4] });
  });

  it('guards a practice account without a trailing drawdown (there is no firm maximum loss)', () => {
    const r = presetRules({ type: 'practice', style: 'standard' });
    expect(r.trailingDrawdown.mode).toBe('off');
    expect(r.dailyRealizedLoss).toMatchObject({ mode: 'enforce', limit: 500 });
  });

  it('gives a complete, valid config for every account type and style', () => {
    for (const t of ACCOUNT_TYPES) {
      for (const style of ['standard', 'strict'] as const) {
        const config = applyPresetPlan(defaultConfig(), { all: { type: t.id, style } });
        const parsed = parseConfig(config);
        expect(parsed.ok, `${t.id} ${style}: ${JSON.stringify(parsed.ok ? [] : parsed.problems)}`).toBe(true);
        expect(Object.keys(config.defaultProfile.rules).sort()).toEqual([...RULE_IDS].sort());
      }
    }
  });

  it('sets several accounts at once: the most common choice is the default, the others get their own rules', () => {
    const start = { ...defaultConfig(), countFees: false, accountOverrides: { '9': { rules: {} } } };
    const config = applyPresetPlan(start, {
      all: { type: 'combine-50k', style: 'standard' },
      accounts: {
        '1': { type: 'combine-50k', style: 'standard' },
        '2': { type: 'express-150k', style: 'standard' },
        '3': { type: 'combine-50k', style: 'standard' },
      },
    });
    expect(config.defaultProfile.rules.maxContracts.limit).toBe(5);
    expect(Object.keys(config.accountOverrides)).toEqual(['2']);
    expect(config.accountOverrides['2']?.rules.maxContracts?.limit).toBe(15);
    expect(config.accountOverrides['2']?.rules.trailingDrawdown?.startingBalance).toBe(150_000);
    expect(config.countFees).toBe(false); // what is not a rule is kept
  });
});

describe('account type from the account', () => {
  it('reads TopstepX account names, then the balance', () => {
    expect(guessAccountType({ name: '50KTC-V2-410217-19650001', balance: 50_000 })).toBe('combine-50k');
    expect(guessAccountType({ name: '$150K EXPRESS | EXPRESS-V2-410217', balance: 151_200 })).toBe('express-150k');
    expect(guessAccountType({ name: 'EXPRESS-V2-410217-19650002', balance: 150_000 })).toBe('express-150k');
    expect(guessAccountType({ name: 'PRAC-V2-410217-1', balance: 150_000 })).toBe('practice');
    expect(guessAccountType({ name: 'S1-ABC', balance: 98_400 })).toBe('combine-100k');
    expect(guessAccountType({ name: 'S1-ABC', balance: 10_000 })).toBeNull();
    expect(guessAccountType({ name: 'S1-ABC' })).toBeNull();
  });
});
