import { describe, expect, it } from 'vitest';
import { type GuardConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';
import { accountMeters, type MeterInput } from '../../../../../src/core/rules/engine/rule-meters';
import { ALL_RULES } from '../../../../../src/core/rules/evaluation/all-rules';
import { maxContractsRule } from '../../../../../src/core/rules/evaluation/max-contracts';
import { tradeFrequencyRule } from '../../../../../src/core/rules/evaluation/trade-frequency';
import type { Rule } from '../../../../../src/core/rules/rule';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { ACCOUNT, accountState, DAY, guardState, MNQ, NOW, position } from '../fixtures';

function config(input: Record<string, unknown>): GuardConfig {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const account = accountState({ positions: [position(MNQ, 2, 21000)] });
const input = (cfg: GuardConfig): MeterInput => ({
  config: cfg,
  state: guardState([account]),
  memory: undefined,
  now: NOW,
  tradingDay: DAY,
});

describe('accountMeters', () => {
  it('shows the meters of the rules in force, in the catalog’s order, with their id, warning levels and mode', () => {
    const cfg = config({
      defaultProfile: {
        rules: {
          maxContracts: { mode: 'monitor', limit: 4, counting: 'contracts', warnAt: [0.5] },
          dailyRealizedLoss: { mode: 'enforce', limit: 500 },
          tradeFrequency: { mode: 'off' },
        },
      },
    });
    const meters = accountMeters(input(cfg), account);
    expect(meters.map((m) => m.ruleId)).toEqual(['maxContracts', 'dailyRealizedLoss']);
    expect(meters[0]).toEqual({
      ruleId: 'maxContracts',
      name: 'Open contracts',
      value: 2,
      limit: 4,
      unit: 'contracts',
      moreThan: true,
      warnAt: [0.5],
      mode: 'monitor',
    });
    expect(meters[1]).toMatchObject({ ruleId: 'dailyRealizedLoss', mode: 'enforce', warnAt: [0.5, 0.8, 0.95] });
  });

  it('reads the account’s own override, as the engine judges it', () => {
    const cfg = config({
      defaultProfile: { rules: { maxContracts: { mode: 'enforce', limit: 4 } } },
      accountOverrides: { [String(ACCOUNT)]: { rules: { maxContracts: { mode: 'enforce', limit: 1 } } } },
    });
    expect(accountMeters(input(cfg), account).find((m) => m.ruleId === 'maxContracts')?.limit).toBe(1);
  });

  it('shows nothing for an account the guard does not monitor (its rules judge nothing)', () => {
    const cfg = config({ monitoredAccountIds: [ACCOUNT + 1] });
    expect(accountMeters(input(cfg), account)).toEqual([]);
  });

  it('leaves out a meter that throws and shows the others', () => {
    const broken: Rule = {
      ...(tradeFrequencyRule as unknown as Rule),
      meter: () => {
        throw new Error('boom');
      },
    };
    const cfg = config({ defaultProfile: { rules: { tradeFrequency: { mode: 'enforce' } } } });
    const meters = accountMeters(input(cfg), account, [broken, maxContractsRule as unknown as Rule]);
    expect(meters.map((m) => m.ruleId)).toEqual(['maxContracts']);
  });

  it('reads the memory the engine left: the trailing daily loss stands $300 below the high it remembered', () => {
    const cfg = config({ defaultProfile: { rules: { trailingDailyLoss: { mode: 'enforce', limit: 500 } } } });
    const memory = { ...emptyRuleMemory(DAY.key), trail: { day: DAY.key, peak: 300 } };
    const meters = accountMeters({ ...input(cfg), memory }, accountState());
    expect(meters.find((m) => m.ruleId === 'trailingDailyLoss')).toMatchObject({ value: 300, limit: 500 });
  });

  it('shows no meter for a rule the config has no settings for, and the others as usual', () => {
    const unconfigured = { ...(maxContractsRule as unknown as Rule), id: 'notInThisConfig' };
    const cfg = config({ defaultProfile: { rules: { maxContracts: { mode: 'enforce', limit: 4 } } } });
    const meters = accountMeters(input(cfg), account, [unconfigured, maxContractsRule as unknown as Rule]);
    expect(meters.map((m) => m.ruleId)).toEqual(['maxContracts']);
  });

  it('is defined by every rule that judges a figure against a limit, and by no other', () => {
    const metered = ALL_RULES.filter((r) => r.meter).map((r) => r.id);
    expect(metered).toEqual([
      'maxContracts',
      'maxContractsPerInstrument',
      'dailyRealizedLoss',
      'unrealizedLoss',
      'unrealizedProfitTarget',
      'tradeFrequency',
      'dailyNetLoss',
      'trailingDrawdown',
      'trailingDailyLoss',
      'weeklyLoss',
      'weeklyTradeLimit',
    ]);
  });
});
