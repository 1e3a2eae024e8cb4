import { describe, expect, it } from 'vitest';
import { accountView, meterView, sparklineView, statusView } from '../../../../src/ui/view-models/account-view';
import { account, NOW } from '../../messaging/snapshot-fixtures';

const RESET = Date.UTC(2026, 10, 25, 23, 0, 0); // 17:00 Chicago (CST)

describe('account view-model', () => {
  it('shows OK in green with a tick and the word', () => {
    const s = statusView(account(), NOW);
    expect(s).toMatchObject({ word: 'OK', tone: 'ok', glyph: '\u2713', countdown: null, reason: null });
  });

  it('shows a warning naming the rules near their limit', () => {
    const a = account({
      status: 'warning',
      meters: [{ ...account().meters[0]!, value: 410 }],
    });
    const s = statusView(a, NOW);
    expect(s.word).toBe('Warning');
    expect(s.tone).toBe('warn');
    expect(s.summary).toContain('Daily realized loss');
  });

  it('shows a cooldown with its reason and the countdown to its end', () => {
    const a = account({
      status: 'cooldown',
      lockouts: [
        {
          kind: 'cooldown',
          reason: 'Loss of $300 on one trade',
          ruleId: 'cooldownAfterLoss',
          endsAt: NOW + 15 * 60_000 + 9000,
        },
      ],
    });
    const s = statusView(a, NOW);
    expect(s).toMatchObject({
      word: 'Cooldown',
      tone: 'cool',
      countdown: '0:15:09',
      reason: 'Loss of $300 on one trade',
    });
  });

  it('locks until 17:00 CT with the countdown to the reset', () => {
    const a = account({
      status: 'locked',
      lockouts: [{ kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'dailyRealizedLoss', endsAt: RESET }],
    });
    const s = statusView(a, NOW);
    expect(s).toMatchObject({ word: 'Locked', tone: 'danger', countdown: '8:00:00', until: 'until 17:00 CT' });
    expect(s.summary).toBe('Locked: Daily loss limit reached, until 17:00 CT (8:00:00 left)');
  });

  it('counts down as time passes and never below zero', () => {
    const a = account({
      status: 'locked',
      lockouts: [{ kind: 'lockout', reason: 'r', ruleId: 'x', endsAt: RESET }],
    });
    expect(statusView(a, RESET - 61_000).countdown).toBe('0:01:01');
    expect(statusView(a, RESET + 5000).countdown).toBe('0:00:00');
  });

  it('shows the lockout that lasts longest, a condition outlasting any time', () => {
    const a = account({
      status: 'locked',
      lockouts: [
        { kind: 'cooldown', reason: 'short', ruleId: 'a', endsAt: NOW + 60_000 },
        {
          kind: 'lockout',
          reason: 'platform',
          ruleId: 'permission',
          endsAt: null,
          condition: 'the platform allows trading again',
        },
        { kind: 'lockout', reason: 'long', ruleId: 'b', endsAt: RESET },
      ],
    });
    const s = statusView(a, NOW);
    expect(s.reason).toBe('platform');
    expect(s.countdown).toBeNull();
    expect(s.until).toBe('until the platform allows trading again');
  });

  it('says "unknown" for unrealized P&L without a quote, never $0.00', () => {
    const vm = accountView(account({ unrealizedPnl: null }), NOW);
    expect(vm.unrealized).toEqual({ text: 'unknown', tone: 'muted' });
  });

  it('formats signed P&L with its tone', () => {
    const vm = accountView(account({ realizedPnl: -512.25, unrealizedPnl: 40 }), NOW);
    expect(vm.realized).toEqual({ text: '\u2212$512.25', tone: 'danger' });
    expect(vm.unrealized).toEqual({ text: '+$40.00', tone: 'ok' });
  });

  it('shows open contracts against the limit, red above it', () => {
    expect(accountView(account({ openContracts: 2, contractLimit: 5 }), NOW).contracts).toEqual({
      text: '2 / 5',
      tone: 'ok',
    });
    expect(accountView(account({ openContracts: 6, contractLimit: 5 }), NOW).contracts.tone).toBe('danger');
    expect(accountView(account({ openContracts: 1.5, contractLimit: null }), NOW).contracts.text).toBe(
      '1.5 / no limit',
    );
  });

  it('hides meters of rules that are off and labels monitor-only ones', () => {
    const base = account().meters[0]!;
    const vm = accountView(
      account({
        meters: [
          { ...base, ruleId: 'a', mode: 'off' },
          { ...base, ruleId: 'b', mode: 'monitor' },
        ],
      }),
      NOW,
    );
    expect(vm.meters.map((m) => [m.ruleId, m.modeText])).toEqual([['b', 'monitor only']]);
  });

  it('reports the enforcer state in words', () => {
    expect(accountView(account(), NOW).enforcement).toBeNull();
    const failed = accountView(
      account({ enforcement: { state: 'failed', message: 'position still open', since: NOW } }),
      NOW,
    );
    expect(failed.enforcement).toBe('Enforcement FAILED: position still open');
  });
});

describe('meter view-model', () => {
  const m = account().meters[0]!;
  it('is ok below the first warning level', () => {
    expect(meterView({ ...m, value: 200 })).toMatchObject({ level: 'ok', levelText: '40% of limit', fraction: 0.4 });
  });
  it('warns from the first warning level', () => {
    expect(meterView({ ...m, value: 250 })).toMatchObject({ level: 'warn', tone: 'warn' });
  });
  it('is at the limit from 100% and clamps the bar', () => {
    expect(meterView({ ...m, value: 600 })).toMatchObject({ level: 'breach', fraction: 1, levelText: 'at the limit' });
  });
  it('on a "more than N" limit, sitting at N warns that the next one breaches, and only past N is a breach', () => {
    const contracts = { ...m, ruleId: 'maxContracts', unit: 'contracts', limit: 5, moreThan: true };
    expect(meterView({ ...contracts, value: 5 })).toMatchObject({
      level: 'warn',
      tone: 'warn',
      levelText: 'at the limit: the next one breaches',
    });
    expect(meterView({ ...contracts, value: 6 })).toMatchObject({ level: 'breach', levelText: 'over the limit' });
  });
  it('says unknown when the value is unknown', () => {
    expect(meterView({ ...m, value: null })).toMatchObject({ level: 'unknown', valueText: 'unknown', fraction: null });
  });
  it('formats units', () => {
    expect(meterView({ ...m, value: 100 }).limitText).toBe('$500.00');
    expect(meterView({ ...m, unit: 'orders', value: 1, limit: 10 }).valueText).toBe('1 order');
  });
  it('keeps warning levels strictly inside the bar as ticks', () => {
    expect(meterView({ ...m, warnAt: [0, 0.5, 0.8, 1] }).ticks).toEqual([0.5, 0.8]);
  });
});

describe('sparkline view-model', () => {
  it('needs at least two points', () => {
    expect(sparklineView([{ t: NOW, v: 1 }])).toBeNull();
  });
  it('scales points into the box with zero included', () => {
    const vm = sparklineView(
      [
        { t: 0, v: -10 },
        { t: 50, v: 0 },
        { t: 100, v: 10 },
      ],
      100,
      20,
    );
    expect(vm?.points).toBe('0,20 50,10 100,0');
    expect(vm?.zeroY).toBe(10);
    expect(vm?.tone).toBe('ok');
    expect(vm?.label).toContain('\u2212$10.00');
  });
});
