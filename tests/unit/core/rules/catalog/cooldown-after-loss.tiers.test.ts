import { describe, expect, it } from 'vitest';
import {
  type CooldownAfterLossSettings,
  cooldownAfterLossEntry as rule,
  tierMinutes,
} from '../../../../../src/core/rules/catalog/cooldown-after-loss';

/** The pause a loss earns from the tiers, and a losing streak's change under the commitment lock. */

const settings = (s: Partial<CooldownAfterLossSettings>): CooldownAfterLossSettings =>
  rule.settingsSchema.parse({ mode: 'enforce', ...s });
const PATH = 'defaultProfile.rules.cooldownAfterLoss';

describe('the pause a loss earns', () => {
  const tiers = [
    { loss: 200, minutes: 15 },
    { loss: 400, minutes: 60 },
  ];

  it('is the pause of the largest tier the loss reaches, none below the smallest', () => {
    expect(tierMinutes(tiers, 199.99)).toBe(0);
    expect(tierMinutes(tiers, 200)).toBe(15);
    expect(tierMinutes(tiers, 399)).toBe(15);
    expect(tierMinutes(tiers, 1000)).toBe(60);
  });

  it('is the longer pause when two tiers name the same loss, in whichever order they are listed', () => {
    const twice = [
      { loss: 200, minutes: 15 },
      { loss: 200, minutes: 45 },
    ];
    expect(tierMinutes(twice, 250)).toBe(45);
    expect(tierMinutes([...twice].reverse(), 250)).toBe(45);
  });

  it('is the largest tier the loss reaches, even when a smaller tier pauses longer', () => {
    const uneven = [
      { loss: 100, minutes: 30 },
      { loss: 200, minutes: 10 },
    ];
    expect(tierMinutes(uneven, 250)).toBe(10);
    expect(tierMinutes([...uneven].reverse(), 250)).toBe(10);
  });
});

describe('a losing streak under the commitment lock', () => {
  it('counts fewer losers at once and keeps the longer pause until the reset when both change', () => {
    const a = settings({ streak: { count: 3, minutes: 30 } });
    const b = settings({ streak: { count: 2, minutes: 15 } });
    const merged = rule.merge(a, b, PATH);
    expect(merged.value.streak).toEqual({ count: 2, minutes: 30 });
    expect(rule.compare(a, b)).toBe('loosen');
  });
});
