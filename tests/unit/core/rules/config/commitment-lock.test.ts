import { describe, expect, it } from 'vitest';
import { applyConfigChange, promotePending } from '../../../../../src/core/rules/config/commitment-lock';
import { RULES } from '../../../../../src/core/rules/evaluation/all-rules';
import { DAY, NOW } from '../fixtures';
import { change, config } from './lock-fixtures';

const rules = (r: Record<string, unknown>) => config({ defaultProfile: { rules: r } });

describe('commitment lock', () => {
  it('holds "stop counting commissions" until the reset, and counts them again at once', () => {
    const off = change(config({}), config({ countCommissions: false }));
    expect(off.active.countCommissions).toBe(true);
    expect(off.pending?.changes).toEqual([{ path: 'countCommissions', from: true, to: false, kind: 'loosen' }]);
    const on = change(config({ countCommissions: false }), config({}));
    expect(on.active.countCommissions).toBe(true);
    expect(on.pending).toBeNull();
  });

  it('applies a tightening change at once', () => {
    const r = change(rules({ dailyRealizedLoss: { limit: 500 } }), rules({ dailyRealizedLoss: { limit: 300 } }));
    expect(r.active.defaultProfile.rules.dailyRealizedLoss.limit).toBe(300);
    expect(r.pending).toBeNull();
    expect(r.changes).toEqual([
      { path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 300, kind: 'tighten' },
    ]);
  });

  it('holds a loosening change until the next reset', () => {
    const active = rules({ dailyRealizedLoss: { limit: 500 } });
    const proposed = rules({ dailyRealizedLoss: { limit: 800 } });
    const r = change(active, proposed);
    expect(r.active.defaultProfile.rules.dailyRealizedLoss.limit).toBe(500);
    expect(r.pending).toMatchObject({ config: proposed, effectiveAt: DAY.nextReset });
    expect(r.pending?.changes).toEqual([
      { path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 800, kind: 'loosen' },
    ]);
  });

  describe('off → on is a tightening at the new limit', () => {
    it('turns a rule on at the limit chosen, at once, not at the one it held while off', () => {
      const active = rules({ dailyRealizedLoss: { mode: 'off', limit: 500 } });
      const proposed = rules({ dailyRealizedLoss: { mode: 'enforce', limit: 1000 } });
      const r = change(active, proposed);
      expect(r.active.defaultProfile.rules.dailyRealizedLoss).toMatchObject({ mode: 'enforce', limit: 1000 });
      expect(r.pending).toBeNull();
      expect(r.changes).toEqual([
        { path: 'defaultProfile.rules.dailyRealizedLoss.mode', from: 'off', to: 'enforce', kind: 'tighten' },
        { path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 1000, kind: 'tighten' },
      ]);
    });

    it('does so for every rule, with its whole block (a rule with its own merge too)', () => {
      const active = rules({
        maxContractsPerInstrument: { mode: 'off', limits: { ES: 1 }, unknown: { mode: 'block' } },
      });
      const proposed = rules({
        maxContractsPerInstrument: { mode: 'monitor', limits: { ES: 4 }, unknown: { mode: 'unlimited' } },
      });
      const r = change(active, proposed);
      expect(r.active.defaultProfile.rules.maxContractsPerInstrument).toEqual(
        proposed.defaultProfile.rules.maxContractsPerInstrument,
      );
      expect(r.pending).toBeNull();
    });

    it('does so for an account override that switches a rule on', () => {
      const active = config({
        accountOverrides: { '7': { rules: { dailyRealizedLoss: { mode: 'off', limit: 200 } } } },
      });
      const proposed = config({
        accountOverrides: { '7': { rules: { dailyRealizedLoss: { mode: 'enforce', limit: 900 } } } },
      });
      const r = change(active, proposed);
      expect(r.active.accountOverrides['7']?.rules.dailyRealizedLoss).toMatchObject({ mode: 'enforce', limit: 900 });
      expect(r.pending).toBeNull();
    });

    it('still holds back an on → off, and a looser limit of a rule that stays on', () => {
      const on = rules({ dailyRealizedLoss: { mode: 'enforce', limit: 500 } });
      expect(change(on, rules({ dailyRealizedLoss: { mode: 'off', limit: 500 } })).pending).not.toBeNull();
      expect(change(on, rules({ dailyRealizedLoss: { mode: 'enforce', limit: 900 } })).pending).not.toBeNull();
    });
  });

  it('splits a mixed change field by field: the tighter part now, the looser part at the reset', () => {
    const active = rules({ dailyRealizedLoss: { limit: 500 }, maxContracts: { limit: 5 } });
    const proposed = rules({ dailyRealizedLoss: { limit: 300 }, maxContracts: { limit: 10 } });
    const r = change(active, proposed);
    expect(r.active.defaultProfile.rules.dailyRealizedLoss.limit).toBe(300);
    expect(r.active.defaultProfile.rules.maxContracts.limit).toBe(5);
    expect(r.pending?.config.defaultProfile.rules.maxContracts.limit).toBe(10);
    expect(r.changes.map((c) => [c.path, c.kind])).toEqual([
      ['defaultProfile.rules.maxContracts.limit', 'loosen'],
      ['defaultProfile.rules.dailyRealizedLoss.limit', 'tighten'],
    ]);
  });

  it.each([
    { from: 'enforce', to: 'monitor', kind: 'loosen' },
    { from: 'enforce', to: 'off', kind: 'loosen' },
    { from: 'monitor', to: 'enforce', kind: 'tighten' },
    { from: 'off', to: 'monitor', kind: 'tighten' },
  ])('switching a rule from $from to $to is a $kind', ({ from, to, kind }) => {
    const r = change(rules({ maxContracts: { mode: from } }), rules({ maxContracts: { mode: to } }));
    expect(r.changes).toMatchObject([{ path: 'defaultProfile.rules.maxContracts.mode', kind }]);
    expect(r.active.defaultProfile.rules.maxContracts.mode).toBe(kind === 'tighten' ? to : from);
  });

  it('adds a blocked symbol now and keeps a removed one blocked until the reset', () => {
    const r = change(rules({ symbolBlocks: { roots: ['CL'] } }), rules({ symbolBlocks: { roots: ['NQ'] } }));
    expect(r.active.defaultProfile.rules.symbolBlocks.roots).toEqual(['CL', 'NQ']);
    expect(r.pending?.config.defaultProfile.rules.symbolBlocks.roots).toEqual(['NQ']);
  });

  it.each([
    { to: { start: '09:00', end: '15:00' }, kind: 'tighten' },
    { to: { start: '08:00', end: '15:10' }, kind: 'loosen' },
    { to: { start: '17:00', end: '15:00' }, kind: 'loosen' },
  ])('changing 08:30–15:10 to $to.start–$to.end is a $kind', ({ to, kind }) => {
    const r = change(rules({ tradingHours: { start: '08:30', end: '15:10' } }), rules({ tradingHours: to }));
    expect(r.pending === null).toBe(kind === 'tighten');
    expect(r.active.defaultProfile.rules.tradingHours.start).toBe(kind === 'tighten' ? to.start : '08:30');
  });

  it('treats a longer stop-loss grace and a longer blind grace as loosening', () => {
    const r = change(
      config({ blindGraceSec: 30, defaultProfile: { rules: { stopLossRequired: { graceSec: 30 } } } }),
      config({ blindGraceSec: 60, defaultProfile: { rules: { stopLossRequired: { graceSec: 60 } } } }),
    );
    expect(r.active.blindGraceSec).toBe(30);
    expect(r.active.defaultProfile.rules.stopLossRequired.graceSec).toBe(30);
    expect(r.changes.every((c) => c.kind === 'loosen')).toBe(true);
  });

  it('merges cooldown tiers pointwise: a longer cooldown now, a shorter one at the reset', () => {
    const active = rules({
      cooldownAfterLoss: {
        tiers: [
          { loss: 200, minutes: 15 },
          { loss: 400, minutes: 60 },
        ],
      },
    });
    const proposed = rules({
      cooldownAfterLoss: {
        tiers: [
          { loss: 200, minutes: 30 },
          { loss: 400, minutes: 30 },
        ],
      },
    });
    const r = change(active, proposed);
    expect(r.active.defaultProfile.rules.cooldownAfterLoss.tiers).toEqual([
      { loss: 200, minutes: 30 },
      { loss: 400, minutes: 60 },
    ]);
    expect(r.pending).not.toBeNull();
  });

  it('keeps a per-account override in force when it is removed for a looser default', () => {
    const active = config({
      defaultProfile: { rules: { maxContracts: { limit: 10 } } },
      accountOverrides: { '42': { rules: { maxContracts: { limit: 2 } } } },
    });
    const proposed = config({ defaultProfile: { rules: { maxContracts: { limit: 10 } } } });
    const r = change(active, proposed);
    expect(r.active.accountOverrides['42']?.rules.maxContracts?.limit).toBe(2);
    expect(r.pending?.changes).toMatchObject([
      { path: 'accountOverrides.42.rules.maxContracts.limit', from: 2, to: 10, kind: 'loosen' },
    ]);
  });

  it('applies a tighter per-account override at once', () => {
    const active = config({});
    const proposed = config({ accountOverrides: { '42': { rules: { dailyRealizedLoss: { limit: 200 } } } } });
    const r = change(active, proposed);
    expect(r.pending).toBeNull();
    expect(r.active.accountOverrides['42']?.rules.dailyRealizedLoss?.limit).toBe(200);
  });

  it('keeps watching an account removed from the monitored list until the reset', () => {
    const r = change(config({ monitoredAccountIds: [1, 2] }), config({ monitoredAccountIds: [1] }));
    expect(r.active.monitoredAccountIds).toEqual([1, 2]);
    const all = change(config({ monitoredAccountIds: [1] }), config({}));
    expect(all.active.monitoredAccountIds).toBe('all');
    expect(all.pending).toBeNull();
  });

  it('promotes the pending config at the reset, not before', () => {
    const active = rules({ dailyRealizedLoss: { limit: 500 } });
    const r = change(active, rules({ dailyRealizedLoss: { limit: 800 } }));
    const early = promotePending({ active: r.active, pending: r.pending, now: DAY.nextReset - 1 });
    expect(early.promoted).toBe(false);
    const atReset = promotePending({ active: r.active, pending: r.pending, now: DAY.nextReset });
    expect(atReset).toMatchObject({ promoted: true, pending: null });
    expect(atReset.active.defaultProfile.rules.dailyRealizedLoss.limit).toBe(800);
  });

  it('applies the very first config whole', () => {
    const proposed = rules({ dailyRealizedLoss: { limit: 5000 } });
    expect(applyConfigChange({ active: null, proposed, now: NOW, nextReset: DAY.nextReset })).toEqual({
      active: proposed,
      pending: null,
      changes: [],
    });
  });

  it.each([
    { id: 'maxContracts', a: { limit: 5 }, b: { limit: 4 }, expected: 'tighten' },
    // With a limit of 5, mini counting allows 50 micros; counting each contract allows 5.
    { id: 'maxContracts', a: { counting: 'mini' }, b: { counting: 'contracts' }, expected: 'tighten' },
    { id: 'maxContracts', a: { counting: 'contracts' }, b: { counting: 'mini' }, expected: 'loosen' },
    { id: 'maxContractsPerInstrument', a: { limits: { ES: 2 } }, b: { limits: { EP: 3 } }, expected: 'loosen' },
    {
      id: 'maxContractsPerInstrument',
      a: { unknown: { mode: 'unlimited' } },
      b: { unknown: { mode: 'block' } },
      expected: 'tighten',
    },
    { id: 'unrealizedLoss', a: { total: null }, b: { total: 1000 }, expected: 'tighten' },
    { id: 'unrealizedLoss', a: { lockAfterTotal: true }, b: { lockAfterTotal: false }, expected: 'loosen' },
    { id: 'tradeFrequency', a: { perMinute: 3 }, b: { perMinute: null }, expected: 'loosen' },
    { id: 'cooldownAfterLoss', a: { streak: { count: 3 } }, b: { streak: { count: 2 } }, expected: 'tighten' },
    { id: 'tradeManagement', a: { trailDistanceTicks: 8 }, b: { trailDistanceTicks: 12 }, expected: 'loosen' },
    { id: 'tradingHours', a: { weekdays: [1, 2, 3, 4, 5] }, b: { weekdays: [1, 2, 3] }, expected: 'tighten' },
    { id: 'tradingHours', a: { holidays: ['2026-12-25'] }, b: { holidays: [] }, expected: 'loosen' },
    { id: 'tradingPermission', a: {}, b: {}, expected: 'same' },
    { id: 'dailyNetLoss', a: { buffer: 100 }, b: { buffer: 50 }, expected: 'loosen' },
    { id: 'trailingDrawdown', a: { buffer: 200 }, b: { buffer: 300 }, expected: 'tighten' },
  ] as const)('$id compares $a → $b as $expected', ({ id, a, b, expected }) => {
    const rule = RULES[id];
    const parse = (x: object) => rule.settingsSchema.parse(x) as never;
    expect(rule.compare(parse(a), parse(b))).toBe(expected);
  });
});
