import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replayConfig, rulesInUse } from '../../../../src/core/replay/replayability';
import type { BaseSettings } from '../../../../src/core/rules/catalog/rule-entry';
import type { Rule } from '../../../../src/core/rules/rule';
import { configWith } from './history-kit';

describe('rulesInUse', () => {
  it('lists only rules switched on for the accounts, with how each replays', () => {
    const config = configWith(
      { dailyRealizedLoss: { mode: 'monitor' }, dailyNetLoss: { mode: 'enforce' } },
      { accountOverrides: { '7': { rules: { stopLossRequired: { mode: 'enforce' } } } } },
    );
    expect(rulesInUse(config, [1], true).map((r) => [r.ruleId, r.status])).toEqual([
      ['dailyRealizedLoss', 'replayable'],
      ['dailyNetLoss', 'approximate'],
    ]);
    expect(rulesInUse(config, [1, 7], false).map((r) => [r.ruleId, r.status])).toEqual([
      ['dailyRealizedLoss', 'replayable'],
      ['stopLossRequired', 'not-replayable'],
      ['dailyNetLoss', 'approximate'],
    ]);
  });

  it('classifies a rule it has never heard of by what it listens to, never silently', () => {
    const rule = (id: string, listensTo: Rule['listensTo']): Rule<BaseSettings> =>
      ({ id, name: id, listensTo, settingsSchema: z.any() }) as unknown as Rule<BaseSettings>;
    const config = {
      ...configWith({}),
      defaultProfile: { rules: { a: { mode: 'enforce' }, b: { mode: 'enforce' }, c: { mode: 'enforce' } } },
    } as unknown as Parameters<typeof rulesInUse>[0];
    const r = rulesInUse(config, [1], false, [rule('a', ['trade']), rule('b', ['order']), rule('c', ['health'])]);
    expect(r.map((x) => x.status)).toEqual(['replayable', 'approximate', 'not-replayable']);
  });
});

describe('replayConfig', () => {
  it('switches off what cannot be replayed and takes monitor as enforce when asked, overrides too', () => {
    const config = configWith(
      { dailyRealizedLoss: { mode: 'monitor' }, stopLossRequired: { mode: 'enforce' } },
      { accountOverrides: { '7': { rules: { maxContracts: { mode: 'monitor' } } } } },
    );
    const rules = rulesInUse(config, [1, 7], false);
    const acting = replayConfig(config, rules, 'enforce');
    expect(acting.defaultProfile.rules.dailyRealizedLoss.mode).toBe('enforce');
    expect(acting.defaultProfile.rules.stopLossRequired.mode).toBe('off');
    expect(acting.accountOverrides['7']?.rules.maxContracts?.mode).toBe('enforce');
    const recording = replayConfig(config, rules, 'record');
    expect(recording.defaultProfile.rules.dailyRealizedLoss.mode).toBe('monitor');
    expect(config.defaultProfile.rules.stopLossRequired.mode).toBe('enforce');
  });
});
