import { describe, expect, it } from 'vitest';
import { clockText, guardView, healthView, pendingView } from '../../../../src/ui/view-models/guard-view';
import { healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';

describe('guard view-model', () => {
  it('is Connected in green when both hubs are up', () => {
    expect(healthView(healthy(), true, NOW)).toMatchObject({ word: 'Connected', tone: 'ok', blind: false });
  });

  it('is Reconnecting since the hub dropped', () => {
    const h = healthy({
      user: { status: 'reconnecting', since: NOW - 7000, lastMessageAt: NOW - 9000, stale: false },
    });
    const vm = healthView(h, true, NOW);
    expect(vm.word).toBe('Reconnecting');
    expect(vm.tone).toBe('warn');
    expect(vm.since).toBe('since 08:59 CT (7 s)');
    expect(vm.detail).toContain('User hub reconnecting');
  });

  it('treats a silent connected hub as reconnecting', () => {
    const h = healthy({ user: { status: 'connected', since: NOW - 60_000, lastMessageAt: NOW - 40_000, stale: true } });
    expect(healthView(h, true, NOW).word).toBe('Reconnecting');
  });

  it('is BLIND in red since when the guard cannot see, with order entry blocked under fail-closed', () => {
    const h = healthy({ blindSince: NOW - 180_000, token: 'failed' });
    const vm = healthView(h, true, NOW);
    expect(vm).toMatchObject({ word: 'BLIND', tone: 'danger', blind: true, orderEntryBlocked: true });
    expect(vm.since).toBe('since 08:57 CT (3 min)');
    expect(vm.detail).toContain('sign-in failed');
    expect(healthView(h, false, NOW).orderEntryBlocked).toBe(false);
  });

  it('asks for credentials when none are stored', () => {
    const vm = guardView(snapshot({ credentials: { configured: false, userName: null } }), NOW);
    expect(vm.needsCredentials).toBe(true);
  });

  it('lists changes pending until the next reset under the commitment lock', () => {
    const vm = pendingView(
      {
        effectiveAt: Date.UTC(2026, 10, 25, 23, 0, 0),
        changes: [
          { path: 'rules.dailyRealizedLoss.limit', label: 'Daily loss limit', from: 500, to: 800 },
          { path: 'rules.tradeFrequency.mode', from: 'enforce', to: 'off' },
        ],
      },
      NOW,
    );
    expect(vm).toEqual({
      title: 'Pending until 17:00 CT',
      items: ['Daily loss limit: 500 \u2192 800', 'rules.tradeFrequency.mode: enforce \u2192 off'],
    });
  });

  it('shows no pending banner without changes', () => {
    expect(pendingView(null, NOW)).toBeNull();
    expect(pendingView({ effectiveAt: NOW, changes: [] }, NOW)).toBeNull();
  });
});

describe('the guard’s time in the views', () => {
  it('says nothing while the computer’s clock agrees with the server’s', () => {
    const vm = guardView(snapshot({ clock: { source: 'server', skewMs: 1200, uncertaintyMs: 500 } }), NOW);
    expect(vm.health.clock).toBeUndefined();
  });

  it('says how far the computer’s clock is off, and that the server’s time rules', () => {
    const vm = guardView(snapshot({ clock: { source: 'server', skewMs: 24 * 3_600_000, uncertaintyMs: 500 } }), NOW);
    expect(vm.health.clock).toBe(
      "Your computer's clock is 24 h ahead of TopstepX's server time. The guard keeps the server's time: lockouts and the trading day follow it, not your clock.",
    );
    expect(clockText({ source: 'server', skewMs: -90_000, uncertaintyMs: 500 })).toMatch(
      /^Your computer's clock is 1 min behind/,
    );
  });

  it('says when the server’s time is not confirmed yet (after a restart, offline)', () => {
    expect(clockText({ source: 'saved', skewMs: null, uncertaintyMs: null })).toMatch(/^Server time not confirmed yet/);
    expect(clockText({ source: 'local', skewMs: null, uncertaintyMs: null })).toBeNull();
    expect(clockText(undefined)).toBeNull();
  });
});
