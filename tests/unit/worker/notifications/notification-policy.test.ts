import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import type { EnforcementDecision, WarningDecision } from '../../../../src/core/rules/decision';
import {
  BREACH_WINDOW_MS,
  EMPTY_NOTIFICATION_STATE,
  type NotificationInput,
  planNotifications,
} from '../../../../src/worker/notifications/notification-policy';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';

const lockout = {
  kind: 'lockout' as const,
  reason: 'Daily loss limit reached (−$512.00 ≤ −$500.00)',
  ruleId: 'dailyRealizedLoss',
  endsAt: NOW + 8 * 3_600_000,
};
const lockedSnap = snapshot({ accounts: [account({ status: 'locked', lockouts: [lockout] })] });
const DEFAULT_NOTIFICATION_SETTINGS = defaultConfig().notifications;
const breach: EnforcementDecision = {
  kind: 'enforce',
  ruleId: 'dailyRealizedLoss',
  accountId: 101,
  action: { type: 'flatten' },
  reason: 'Flattening: daily loss limit reached',
  figures: {},
  monitorOnly: false,
};
const warning: WarningDecision = {
  kind: 'warning',
  ruleId: 'dailyRealizedLoss',
  accountId: 101,
  fraction: 0.82,
  level: 0.8,
  message: 'Daily loss at 82% of the limit',
  figures: {},
};

function plan(over: Partial<NotificationInput>) {
  return planNotifications({
    prev: snapshot(),
    next: snapshot(),
    decisions: [],
    settings: DEFAULT_NOTIFICATION_SETTINGS,
    state: EMPTY_NOTIFICATION_STATE,
    now: NOW,
    ...over,
  });
}

describe('notification policy', () => {
  it('shows nothing when nothing changed', () => {
    expect(plan({}).notifications).toEqual([]);
  });

  it('tells the trader about a breach, once per window', () => {
    const first = plan({ decisions: [breach] });
    expect(first.notifications).toHaveLength(1);
    expect(first.notifications[0]).toMatchObject({ kind: 'breach', accountId: 101, priority: 2 });
    expect(first.notifications[0]?.title).toContain('TOPX-50K-1');
    const retried = plan({ decisions: [breach], state: first.state, now: NOW + 1000 });
    expect(retried.notifications).toEqual([]);
    const later = plan({ decisions: [breach], state: first.state, now: NOW + BREACH_WINDOW_MS + 1 });
    expect(later.notifications).toHaveLength(1);
  });

  it('labels a monitor-only decision as "would have acted"', () => {
    const out = plan({ decisions: [{ ...breach, monitorOnly: true }] });
    expect(out.notifications.map((n) => [n.kind, n.title])).toEqual([
      ['monitor', 'Would have acted (monitor mode) \u2014 TOPX-50K-1'],
    ]);
  });

  it('tells a near-limit warning once per level', () => {
    const first = plan({ decisions: [warning] });
    expect(first.notifications.map((n) => n.kind)).toEqual(['warning']);
    expect(plan({ decisions: [warning], state: first.state, now: NOW + 3_600_000 }).notifications).toEqual([]);
    expect(
      plan({ decisions: [{ ...warning, level: 0.95, fraction: 0.96 }], state: first.state }).notifications,
    ).toHaveLength(1);
  });

  it('announces a new lockout with its reason and keeps it on screen', () => {
    const out = plan({ next: lockedSnap });
    expect(out.notifications).toHaveLength(1);
    expect(out.notifications[0]).toMatchObject({ kind: 'lockout', requireInteraction: true });
    expect(out.notifications[0]?.message).toContain('Daily loss limit reached');
  });

  it('does not repeat a lockout on every snapshot push, nor after the worker restarts with its state', () => {
    const first = plan({ next: lockedSnap });
    expect(plan({ prev: lockedSnap, next: lockedSnap, state: first.state }).notifications).toEqual([]);
    expect(plan({ prev: null, next: lockedSnap, state: first.state, now: NOW + 60_000 }).notifications).toEqual([]);
  });

  it('announces the unlock when a lockout ends', () => {
    const out = plan({ prev: lockedSnap, next: snapshot() });
    expect(out.notifications.map((n) => n.kind)).toEqual(['unlock']);
  });

  it('labels a cooldown as a cooldown', () => {
    const cool = snapshot({
      accounts: [
        account({ status: 'cooldown', lockouts: [{ ...lockout, kind: 'cooldown', ruleId: 'tradeFrequency' }] }),
      ],
    });
    expect(plan({ next: cool }).notifications[0]?.title).toMatch(/^Cooldown/);
  });

  it('warns loudly when the guard goes blind, and says whether order entry is blocked', () => {
    const blind = snapshot({ health: healthy({ blindSince: NOW - 5000 }), failClosed: true });
    const out = plan({ next: blind });
    expect(out.notifications).toHaveLength(1);
    expect(out.notifications[0]).toMatchObject({ kind: 'blind', priority: 2, requireInteraction: true });
    expect(out.notifications[0]?.message).toContain('blocked');
    const open = plan({ next: { ...blind, failClosed: false } });
    expect(open.notifications[0]?.message).toContain('NOT being enforced');
  });

  it('tells BLIND once per blind spell, not again at each worker wake while it stays blind', () => {
    const blindAt = (t: number) => snapshot({ health: healthy({ blindSince: t }) });
    let state = plan({ prev: snapshot(), next: blindAt(NOW) }).state;
    for (let wake = 1; wake <= 10; wake++) {
      const out = plan({ prev: null, next: blindAt(NOW + wake * 30_000), state, now: NOW + wake * 30_000 });
      expect(out.notifications).toEqual([]);
      state = out.state;
    }
    state = plan({ prev: blindAt(NOW), next: snapshot(), state, now: NOW + 400_000 }).state;
    expect(plan({ prev: snapshot(), next: blindAt(NOW + 500_000), state }).notifications.map((n) => n.kind)).toEqual([
      'blind',
    ]);
  });

  it('says when the guard sees again', () => {
    const blind = snapshot({ health: healthy({ blindSince: NOW - 5000 }) });
    expect(plan({ prev: blind, next: snapshot() }).notifications.map((n) => n.kind)).toEqual(['sighted']);
  });

  it('tells once, loudly, when storage starts refusing writes (a full disk), whatever the switches', () => {
    const failing = snapshot({
      storage: { state: 'failing', since: NOW - 1000, lastError: 'QuotaExceededError', quota: true, failedWrites: 3 },
    });
    const off = {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      warnings: false,
      enforcements: false,
      lockouts: false,
      blind: false,
    };
    const out = plan({ prev: snapshot(), next: failing, settings: off });
    expect(out.notifications).toMatchObject([
      { kind: 'storage', priority: 2, requireInteraction: true, title: 'Risk guard: storage full' },
    ]);
    expect(out.notifications[0]?.message).toContain('still enforced');
    const again = planNotifications({
      prev: failing,
      next: { ...failing, storage: { ...failing.storage!, failedWrites: 9 } },
      decisions: [],
      settings: off,
      state: out.state,
      now: NOW + 5000,
    });
    expect(again.notifications).toEqual([]);
  });

  it('asks once to re-enter a refused API key, through snapshot pushes and blind toggles, and again after it worked', () => {
    const refused = snapshot({ health: healthy({ token: 'reenter-key', blindSince: NOW - 5000 }) });
    const first = plan({ prev: snapshot(), next: refused });
    expect(first.notifications.map((n) => n.kind)).toContain('reenter-key');
    expect(first.notifications.find((n) => n.kind === 'reenter-key')).toMatchObject({
      title: 'Risk guard: re-enter your API key',
      requireInteraction: true,
    });
    let state = first.state;
    for (const [i, next] of [
      refused,
      snapshot({ health: { ...refused.health, token: 'refreshing' } }),
      refused,
    ].entries()) {
      const out = plan({ prev: refused, next, state, now: NOW + (i + 1) * 12 * 3_600_000 });
      expect(out.notifications.map((n) => n.kind)).not.toContain('reenter-key');
      state = out.state;
    }
    // A worker restart (prev null) with the kept state: still once.
    const restarted = plan({ prev: null, next: refused, state, now: NOW + 3 * 86_400_000 });
    expect(restarted.notifications.map((n) => n.kind)).not.toContain('reenter-key');
    const working = plan({ prev: refused, next: snapshot(), state });
    expect(plan({ prev: snapshot(), next: refused, state: working.state }).notifications.map((n) => n.kind)).toContain(
      'reenter-key',
    );
  });

  it('asks to re-enter the key even with every switch off', () => {
    const off = {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      blind: false,
      lockouts: false,
      enforcements: false,
      warnings: false,
    };
    const refused = snapshot({ health: healthy({ token: 'reenter-key', blindSince: NOW }) });
    expect(plan({ settings: off, next: refused }).notifications.map((n) => n.kind)).toEqual(['reenter-key']);
  });

  it('honours each switch in the settings', () => {
    const off = {
      warnings: false,
      enforcements: false,
      lockouts: false,
      blind: false,
      monitorOnly: false,
      sound: 'off' as const,
    };
    const blind = snapshot({ health: healthy({ blindSince: NOW }) });
    const all = [breach, warning, { ...breach, monitorOnly: true }];
    expect(
      plan({ settings: off, decisions: all, next: { ...lockedSnap, health: blind.health } }).notifications,
    ).toEqual([]);
    expect(plan({ settings: off, prev: lockedSnap }).notifications).toEqual([]);
    const onlyBreach = plan({ settings: { ...off, enforcements: true }, decisions: all });
    expect(onlyBreach.notifications.map((n) => n.kind)).toEqual(['breach']);
  });

  it('carries the sound setting on each notification', () => {
    const out = plan({ next: lockedSnap, settings: { ...DEFAULT_NOTIFICATION_SETTINGS, sound: 'soft' } });
    expect(out.notifications[0]?.sound).toBe('soft');
  });

  it('forgets keys after a day so its state stays bounded', () => {
    const first = plan({ next: lockedSnap });
    const dayLater = plan({ now: NOW + 25 * 3_600_000, state: first.state });
    expect(Object.keys(dayLater.state.lastShown)).toEqual([]);
  });
});
