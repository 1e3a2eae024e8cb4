import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../../../src/core/rules/catalog/rule-catalog';
import {
  configJsonSchema,
  defaultConfig,
  effectiveRules,
  isMonitored,
  parseConfig,
} from '../../../../../src/core/rules/config/config-schema';

describe('config schema', () => {
  it('fills every default from an empty document', () => {
    const r = parseConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.tradingDay).toEqual({ resetTime: '17:00', timeZone: 'America/Chicago' });
    expect(r.config.countFees).toBe(true);
    expect(r.config.monitoredAccountIds).toBe('all');
    expect(Object.keys(r.config.defaultProfile.rules)).toEqual(RULE_IDS);
    for (const id of RULE_IDS) expect(r.config.defaultProfile.rules[id].warnAt).toEqual([0.5, 0.8, 0.95]);
    expect(r.config.defaultProfile.rules.dailyRealizedLoss).toMatchObject({ mode: 'monitor', limit: 500 });
  });

  it('rejects a bad document whole, listing every problem by path', () => {
    const r = parseConfig({
      blindGraceSec: 1,
      tradingDay: { timeZone: 'Nowhere/Land' },
      defaultProfile: {
        rules: {
          dailyRealizedLoss: { limit: -5 },
          maxContracts: { limt: 3 },
          tradingHours: { start: '25:00' },
          dailyNetLoss: { firmLimit: 100, buffer: 100 },
        },
      },
      accountOverrides: { '123': { rules: { maxContracts: { mode: 'sometimes' } } }, abc: { rules: {} } },
      page: { blockRequests: ['POST (unclosed'], cover: ['[[['] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(
      [
        'accountOverrides.123.rules.maxContracts.mode',
        'accountOverrides.abc',
        'blindGraceSec',
        'defaultProfile.rules.dailyNetLoss.buffer',
        'defaultProfile.rules.dailyRealizedLoss.limit',
        'defaultProfile.rules.maxContracts.limt',
        'defaultProfile.rules.tradingHours.start',
        'page.blockRequests.0',
        'page.cover.0',
        'tradingDay.timeZone',
      ].sort(),
    );
    for (const p of r.problems) expect(p.message.length).toBeGreaterThan(0);
    // In words, never zod's or a regex: "enter a time like 17:00", not "expected string to match /^…$/".
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
    expect(byPath).toMatchObject({
      blindGraceSec: 'must be at least 5',
      'defaultProfile.rules.dailyRealizedLoss.limit': 'must be more than 0',
      'defaultProfile.rules.maxContracts.limt': 'unknown setting',
      'defaultProfile.rules.tradingHours.start': 'enter a time like 17:00',
      'defaultProfile.rules.dailyNetLoss.buffer': 'the buffer must be smaller than the limit',
      'accountOverrides.123.rules.maxContracts.mode': 'choose one of: off, monitor, enforce',
      'accountOverrides.abc': 'an account number',
      'tradingDay.timeZone': 'pick a time zone from the list',
    });
    // The advanced page section's patterns are regular expressions by nature; every other message is words.
    for (const p of r.problems.filter((x) => !x.path.startsWith('page.')))
      expect(p.message).not.toMatch(/[\^$]|\\d|regex|expected|Invalid|Too (small|big)/);
  });

  it('rejects an account that sits in two groups', () => {
    const r = parseConfig({
      accountGroups: [
        { name: 'copy A', accountIds: [1, 2] },
        { name: 'copy B', accountIds: [3, 2] },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        { path: 'accountGroups.1.accountIds.1', message: 'account 2 is already in group "copy A"' },
      ]);
  });

  it('lets a per-account override replace a whole rule block (unset fields take the schema default, not the profile’s)', () => {
    const r = parseConfig({
      defaultProfile: { rules: { maxContracts: { mode: 'enforce', limit: 10, counting: 'contracts' } } },
      accountOverrides: { '42': { rules: { maxContracts: { mode: 'enforce', limit: 2 } } } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(effectiveRules(r.config, 42).maxContracts).toMatchObject({ limit: 2, counting: 'mini' });
    expect(effectiveRules(r.config, 7).maxContracts).toMatchObject({ limit: 10, counting: 'contracts' });
    expect(effectiveRules(r.config, 42).dailyRealizedLoss).toBe(r.config.defaultProfile.rules.dailyRealizedLoss);
  });

  it('monitors every account by default, or only the listed ones', () => {
    expect(isMonitored(defaultConfig(), 99)).toBe(true);
    const r = parseConfig({ monitoredAccountIds: [1, 2] });
    if (!r.ok) throw new Error('valid');
    expect(isMonitored(r.config, 2)).toBe(true);
    expect(isMonitored(r.config, 3)).toBe(false);
  });

  it('exports labels, units, defaults and bounds for the options page', () => {
    const js = configJsonSchema() as {
      properties: {
        defaultProfile: {
          properties: { rules: { properties: Record<string, { properties: Record<string, unknown> }> } };
        };
      };
    };
    const limit = js.properties.defaultProfile.properties.rules.properties.dailyRealizedLoss?.properties.limit;
    expect(limit).toMatchObject({
      label: 'Loss limit',
      unit: 'USD',
      widget: 'money',
      default: 500,
      exclusiveMinimum: 0,
    });
    // Each rule block is titled with its rule's name, so a rule added later is named too.
    expect(js.properties.defaultProfile.properties.rules.properties.dailyRealizedLoss).toMatchObject({
      label: 'Daily realized loss',
    });
  });
});
