import { describe, expect, it } from 'vitest';
import { emptyRuleMemory } from '../../../../src/core/rules/rule-memory';
import { GuardSnapshotSchema } from '../../../../src/messaging/snapshot';
import { buildSnapshot } from '../../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../../src/worker/snapshot/pnl-series';
import { dailyLockout, NOW, sampleView } from '../fixtures';

describe('the snapshot the views render', () => {
  it('shows realized P&L net of fees, unrealized from the last quote, and open contracts', () => {
    const s = buildSnapshot(sampleView(), createPnlSeries());
    expect(GuardSnapshotSchema.parse(s)).toEqual(s);
    const a1 = s.accounts.find((a) => a.id === 1);
    expect(a1?.realizedPnl).toBeCloseTo(-302.96);
    // 2 MNQ long from 21000, last 20990: 40 ticks × $0.50 × 2 = −$40.
    expect(a1?.unrealizedPnl).toBe(-40);
    expect(a1?.openContracts).toBe(0.2); // mini-equivalents by default: a micro counts 0.1
    expect(a1?.status).toBe('warning'); // $302.96 of a $500 limit is past the 50 % warning
    expect(s.accounts.find((a) => a.id === 2)?.status).toBe('ok');
  });

  it('meters each enabled limit rule, value against limit, and leaves out rules that are off', () => {
    const view = sampleView();
    view.config.defaultProfile.rules.maxContracts = { ...view.config.defaultProfile.rules.maxContracts, mode: 'off' };
    const a1 = buildSnapshot(view, createPnlSeries()).accounts.find((a) => a.id === 1);
    const daily = a1?.meters.find((m) => m.ruleId === 'dailyRealizedLoss');
    expect(daily).toMatchObject({ value: 302.96, limit: 500, mode: 'enforce', unit: 'USD' });
    expect(a1?.meters.some((m) => m.ruleId === 'maxContracts')).toBe(false);
    expect(a1?.contractLimit).toBeNull();
  });

  it('marks the "more than N" meters (contracts, orders), where sitting at N is not yet a breach', () => {
    const view = sampleView();
    view.config.defaultProfile.rules.tradeFrequency = {
      ...view.config.defaultProfile.rules.tradeFrequency,
      mode: 'enforce',
    };
    const a1 = buildSnapshot(view, createPnlSeries()).accounts.find((a) => a.id === 1);
    expect(a1?.meters.find((m) => m.ruleId === 'maxContracts')?.moreThan).toBe(true);
    expect(a1?.meters.find((m) => m.ruleId === 'tradeFrequency')?.moreThan).toBe(true);
    expect(a1?.meters.find((m) => m.ruleId === 'dailyRealizedLoss')?.moreThan).toBeUndefined();
  });

  it('meters the TopstepX-parity rules: trailing daily loss from today’s high, the week’s loss and trades', () => {
    const view = sampleView({
      ruleMemory: (accountId) =>
        accountId === 1
          ? {
              ...emptyRuleMemory('2026-11-25'),
              trail: { day: '2026-11-25', peak: 150 },
              week: { week: '2026-11-23', days: { '2026-11-23': { realized: -400, trades: 6 } } },
            }
          : undefined,
    });
    const rules = view.config.defaultProfile.rules;
    rules.trailingDailyLoss = { ...rules.trailingDailyLoss, mode: 'enforce', limit: 600 };
    rules.weeklyLoss = { ...rules.weeklyLoss, mode: 'monitor', limit: 1500 };
    rules.weeklyTradeLimit = { ...rules.weeklyTradeLimit, mode: 'enforce', limit: 20 };
    const a1 = buildSnapshot(view, createPnlSeries()).accounts.find((a) => a.id === 1);
    // Today: −$302.96 realized, −$40 open; high $150 → $492.96 below it.
    expect(a1?.meters.find((m) => m.ruleId === 'trailingDailyLoss')).toMatchObject({
      value: 492.96,
      limit: 600,
      unit: 'USD',
    });
    expect(a1?.meters.find((m) => m.ruleId === 'weeklyLoss')).toMatchObject({
      value: 702.96,
      limit: 1500,
      mode: 'monitor',
    });
    expect(a1?.meters.find((m) => m.ruleId === 'weeklyTradeLimit')).toMatchObject({
      value: 7,
      limit: 20,
      unit: 'trades',
    });
  });

  it('names a rule that is failing on an account, with its message, and only on that account', () => {
    const view = sampleView({
      ruleFailures: [{ accountId: 1, ruleId: 'unrealizedLoss', message: 'TypeError: boom', since: NOW - 5000 }],
    });
    const s = buildSnapshot(view, createPnlSeries());
    expect(GuardSnapshotSchema.parse(s)).toEqual(s);
    expect(s.accounts.find((a) => a.id === 1)?.ruleErrors).toEqual([
      { ruleId: 'unrealizedLoss', name: 'Unrealized loss', message: 'TypeError: boom', since: NOW - 5000 },
    ]);
    expect(s.accounts.find((a) => a.id === 2)?.ruleErrors).toEqual([]);
  });

  it('says locked with the end time, and ignores a lockout that already ended', () => {
    const view = sampleView({ lockouts: [dailyLockout(1, NOW + 3_600_000), dailyLockout(2, NOW - 1)] });
    const s = buildSnapshot(view, createPnlSeries());
    const a1 = s.accounts.find((a) => a.id === 1);
    expect(a1?.status).toBe('locked');
    expect(a1?.lockouts[0]).toMatchObject({ kind: 'lockout', endsAt: NOW + 3_600_000, ruleId: 'dailyRealizedLoss' });
    expect(s.accounts.find((a) => a.id === 2)?.status).toBe('ok');
  });

  it('reports unknown unrealized P&L as null when a position has no quote', () => {
    const view = sampleView();
    view.state.prices = {};
    expect(buildSnapshot(view, createPnlSeries()).accounts.find((a) => a.id === 1)?.unrealizedPnl).toBeNull();
  });

  it('leaves out accounts that are not monitored and names copy-trading groups', () => {
    const view = sampleView();
    view.config.monitoredAccountIds = [1];
    view.config.accountGroups = [{ name: 'copy', accountIds: [1, 2] }];
    const s = buildSnapshot(view, createPnlSeries());
    expect(s.accounts.map((a) => a.id)).toEqual([1]);
    expect(s.accounts[0]?.group).toBe('copy');
  });

  it('still shows (and so blocks on the page) an account no longer monitored while a lockout holds it', () => {
    const view = sampleView({ lockouts: [dailyLockout(2, NOW + 3_600_000)] });
    view.config.monitoredAccountIds = [1];
    const s = buildSnapshot(view, createPnlSeries());
    expect(s.accounts.map((a) => [a.id, a.status])).toEqual([
      [1, 'warning'],
      [2, 'locked'],
    ]);
  });

  it('shows only the loosening changes as pending, and the running enforcement', () => {
    const view = sampleView({
      pending: {
        config: sampleView().config,
        effectiveAt: NOW + 1000,
        changes: [
          { path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 900, kind: 'loosen' },
          { path: 'defaultProfile.rules.maxContracts.limit', from: 5, to: 3, kind: 'tighten' },
        ],
      },
      enforcement: () => ({ state: 'enforcing', since: NOW, what: 'flat, no working orders', round: 1 }),
    });
    const s = buildSnapshot(view, createPnlSeries());
    expect(s.pendingConfig?.changes).toEqual([
      { path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 900 },
    ]);
    expect(s.accounts[0]?.enforcement).toMatchObject({ state: 'running', since: NOW });
  });

  it('never carries a secret: the schema has no field for one and strips what it does not name', () => {
    const s = buildSnapshot(sampleView(), createPnlSeries());
    const leaky = { ...s, token: 'eyJhbGciOi.secret', credentials: { ...s.credentials, apiKey: 'k' } };
    const parsed = JSON.stringify(GuardSnapshotSchema.parse(leaky));
    expect(parsed).not.toContain('secret');
    expect(parsed).not.toContain('apiKey');
  });
});

describe('the intraday P&L series', () => {
  it('keeps one point per sampling step, bounded, and starts again on a new trading day', () => {
    const series = createPnlSeries({ everyMs: 1000, maxPoints: 3 });
    series.record(1, 'd1', 0, 1);
    series.record(1, 'd1', 500, 2); // same step: replaces
    series.record(1, 'd1', 1000, 3);
    series.record(1, 'd1', 2000, 4);
    series.record(1, 'd1', 3000, 5);
    expect(series.points(1)).toEqual([
      { t: 1000, v: 3 },
      { t: 2000, v: 4 },
      { t: 3000, v: 5 },
    ]);
    series.record(1, 'd2', 4000, 0);
    expect(series.points(1)).toEqual([{ t: 4000, v: 0 }]);
    expect(series.points(9)).toEqual([]);
  });
});

describe('the guard clock in snapshots', () => {
  it('carries the clock shift only when there is one (local builds)', () => {
    expect(buildSnapshot(sampleView(), createPnlSeries()).clockOffsetMs).toBeUndefined();
    expect(buildSnapshot(sampleView(), createPnlSeries(), { clockOffsetMs: 25_000_000 }).clockOffsetMs).toBe(
      25_000_000,
    );
  });
});

describe('payload health in the snapshot', () => {
  it('counts REST answers that failed validation beside hub events, by kind', () => {
    const view = sampleView({
      parser: { accepted: 10, rejected: 2, ignored: 0, byReason: {}, byKind: { 'user:GatewayUserTrade': 2 } },
      payloads: {
        rejected: 3,
        byReason: {},
        byKind: { 'user:GatewayUserTrade': 2, 'rest:Position/searchOpen': 1 },
      },
    });
    expect(buildSnapshot(view, createPnlSeries()).payloads).toEqual({
      rejected: 3,
      byKind: { 'user:GatewayUserTrade': 2, 'rest:Position/searchOpen': 1 },
    });
  });
});
