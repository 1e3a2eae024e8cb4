import { describe, expect, it } from 'vitest';
import { tradingPermissionRule as rule } from '../../../../../src/core/rules/evaluation/trading-permission';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, enforcements, health, NOW, OPTIONS, runRule } from '../fixtures';
import { readContext } from '../meter-fixture';

describe('tradingPermission', () => {
  it('flattens and locks until canTrade is back, once, and again after it flips back', () => {
    const off = runRule(rule, { account: accountState({ canTrade: false }) });
    expect(enforcements(off.decisions)).toMatchObject([
      { action: { type: 'flatten' }, lockout: { end: { type: 'condition', condition: 'can-trade' } } },
    ]);
    const still = runRule(rule, { account: accountState({ canTrade: false }), memory: off.memory });
    expect(still.decisions).toHaveLength(0);
    const back = runRule(rule, { account: accountState({ canTrade: true }), memory: still.memory });
    expect(back.decisions).toHaveLength(0);
    const offAgain = runRule(rule, { account: accountState({ canTrade: false }), memory: back.memory });
    expect(enforcements(offAgain.decisions)).toHaveLength(1);
  });

  it('says the platform took trading away, and locks the whole account until it gives it back', () => {
    const [d] = enforcements(runRule(rule, { account: accountState({ canTrade: false }) }).decisions);
    expect(d?.reason).toBe('The platform set canTrade: false');
    expect(d?.figures).toEqual({ canTrade: false });
    expect(d?.lockout).toEqual({
      kind: 'lockout',
      end: { type: 'condition', condition: 'can-trade' },
      scope: { type: 'account' },
    });
  });

  it('says how long the guard has been blind', () => {
    const [d] = enforcements(runRule(rule, { blindSince: NOW - 61_400 }).decisions);
    expect(d?.reason).toBe('The guard has been blind for 61 s');
  });

  it('asks for no tick once it has alerted for this blind stretch', () => {
    const since = NOW - 60_000;
    const alerted = runRule(rule, { blindSince: since });
    expect(enforcements(alerted.decisions)).toHaveLength(1);
    const ctx = readContext(rule, { blindSince: since, memory: alerted.memory });
    expect(rule.nextDeadline?.(ctx)).toBeNull();
  });

  it('alerts again for a new blind stretch even when it reports the same start as the last (a start restored after a restart)', () => {
    const since = NOW - 60_000;
    const alerted = runRule(rule, { blindSince: since });
    const seeing = runRule(rule, { blindSince: null, memory: alerted.memory, now: NOW + 1000 });
    const blindAgain = runRule(rule, { blindSince: since, memory: seeing.memory, now: NOW + 2000 });
    expect(enforcements(blindAgain.decisions)).toHaveLength(1);
  });

  it.each([
    { blindMs: 30_000, alert: false },
    { blindMs: 30_001, alert: true },
  ])('blind for $blindMs ms with a 30 s grace → alert $alert', ({ blindMs, alert }) => {
    const r = runRule(rule, { blindSince: NOW - blindMs });
    const e = enforcements(r.decisions);
    expect(e).toHaveLength(alert ? 1 : 0);
    if (alert) expect(e[0]).toMatchObject({ action: { type: 'none' }, figures: { blind: true, failClosed: true } });
  });

  it('alerts once per blind stretch and carries the fail-closed flag as configured', () => {
    const first = runRule(rule, { blindSince: NOW - 60_000, options: { failClosed: false } });
    expect(enforcements(first.decisions)[0]?.figures.failClosed).toBe(false);
    const again = runRule(rule, { blindSince: NOW - 60_000, memory: first.memory, now: NOW + 5000 });
    expect(again.decisions).toHaveLength(0);
    const seeing = runRule(rule, { blindSince: null, memory: again.memory });
    const blindAgain = runRule(rule, { blindSince: NOW + 1, now: NOW + 40_000, memory: seeing.memory });
    expect(enforcements(blindAgain.decisions)).toHaveLength(1);
  });

  it('asks for a tick right after the blind grace runs out', () => {
    const s = rule.settingsSchema.parse({ mode: 'enforce' });
    const ctx = {
      accountId: 7,
      account: accountState(),
      market: { contracts: {}, prices: {} },
      settings: s,
      mode: 'enforce' as const,
      now: NOW,
      tradingDay: DAY,
      health: health(NOW - 10_000),
      options: OPTIONS,
      memory: emptyRuleMemory(DAY.key),
    };
    expect(rule.nextDeadline?.(ctx)).toBe(NOW - 10_000 + 30_001);
    expect(rule.nextDeadline?.({ ...ctx, health: health(null) })).toBeNull();
  });
});
