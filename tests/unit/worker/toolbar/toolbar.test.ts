import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../../src/core/ports';
import type { GuardSnapshot } from '../../../../src/messaging/snapshot';
import { createToolbar } from '../../../../src/worker/toolbar/toolbar';
import { account, NOW, snapshot } from '../../messaging/snapshot-fixtures';

const MIN = 60_000;

/** A browser.action that remembers what it shows and every call made to it. */
function fakeAction() {
  const shown = { text: '', color: '', textColor: '', title: 'Risk Guard', icon: {} as Record<string, string> };
  const calls: string[] = [];
  const record = <T>(name: string, apply: (value: T) => string) =>
    vi.fn(async (details: T) => {
      calls.push(`${name}:${apply(details)}`);
    });
  return {
    shown,
    calls,
    api: {
      setBadgeText: record<{ text: string }>('text', ({ text }) => {
        shown.text = text;
        return text;
      }),
      setBadgeBackgroundColor: record<{ color: string }>('bg', ({ color }) => {
        shown.color = color;
        return color;
      }),
      setBadgeTextColor: record<{ color: string }>('fg', ({ color }) => {
        shown.textColor = color;
        return color;
      }),
      setTitle: record<{ title: string }>('title', ({ title }) => {
        shown.title = title;
        return title;
      }),
      setIcon: record<{ path: Record<string, string> }>('icon', ({ path }) => {
        shown.icon = path;
        return path['16'] ?? '';
      }),
    },
  };
}

const lockedUntil = (endsAt: number): GuardSnapshot =>
  snapshot({
    accounts: [
      account({
        name: 'ACC-1',
        status: 'locked',
        meters: [],
        lockouts: [{ kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'dailyRealizedLoss', endsAt }],
      }),
    ],
  });
const fine = snapshot({ accounts: [account({ name: 'ACC-1', meters: [] })] });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('the toolbar adapter', () => {
  it('draws nothing before the first snapshot, then every part of it', () => {
    const action = fakeAction();
    const toolbar = createToolbar({ action: action.api, now: () => Date.now(), timers: systemTimers });
    expect(action.calls).toEqual([]);
    toolbar.show(lockedUntil(NOW + 45 * MIN));
    expect(action.shown).toMatchObject({ text: '45m', color: '#c62828', textColor: '#ffffff' });
    expect(action.shown.icon['16']).toBe('icon/state/locked-16.png');
    expect(action.shown.title).toContain('ACC-1: Locked until 09:45 CT');
  });

  it('sets only what changed when a new snapshot arrives', () => {
    const action = fakeAction();
    const toolbar = createToolbar({ action: action.api, now: () => Date.now(), timers: systemTimers });
    toolbar.show(fine);
    action.calls.length = 0;
    toolbar.show(fine);
    expect(action.calls).toEqual([]);
    toolbar.show(lockedUntil(NOW + 45 * MIN));
    expect(action.calls.map((c) => c.split(':')[0]).sort()).toEqual(['bg', 'icon', 'text', 'title']);
  });

  it('redraws the countdown when its text changes and at the lockout end, without any poll', () => {
    const action = fakeAction();
    const toolbar = createToolbar({ action: action.api, now: () => Date.now(), timers: systemTimers });
    toolbar.show(lockedUntil(NOW + 61 * MIN));
    expect(action.shown.text).toBe('1h');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2 * MIN - 1);
    expect(action.shown.text).toBe('1h');
    vi.advanceTimersByTime(1);
    expect(action.shown.text).toBe('59m');
    vi.advanceTimersByTime(58 * MIN);
    expect(action.shown.text).toBe('1m');
    const drawsBeforeEnd = action.api.setBadgeText.mock.calls.length;
    vi.advanceTimersByTime(MIN);
    // The lockout is over: all fine, no badge, and nothing left to wait for.
    expect(action.shown.text).toBe('');
    expect(action.shown.icon['16']).toBe('icon/16.png');
    expect(action.api.setBadgeText.mock.calls.length).toBe(drawsBeforeEnd + 1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("counts down on the guard's time (the server's), not the computer's clock", () => {
    const action = fakeAction();
    const toolbar = createToolbar({ action: action.api, now: () => Date.now(), timers: systemTimers });
    // The computer's clock runs 30 min ahead of the server: the guard's time is NOW, 45 min before the end.
    vi.setSystemTime(NOW + 30 * MIN);
    toolbar.show({ ...lockedUntil(NOW + 45 * MIN), clockOffsetMs: -30 * MIN });
    expect(action.shown.text).toBe('45m');
    vi.advanceTimersByTime(MIN);
    expect(action.shown.text).toBe('44m');
  });

  it('keeps one pending redraw however many snapshots arrive', () => {
    const action = fakeAction();
    const toolbar = createToolbar({ action: action.api, now: () => Date.now(), timers: systemTimers });
    for (let i = 0; i < 5; i++) toolbar.show(lockedUntil(NOW + 3 * 3_600_000));
    expect(vi.getTimerCount()).toBe(1);
  });

  it('shows a start-up fault as red ! until a snapshot shows the guard running', () => {
    const action = fakeAction();
    const toolbar = createToolbar({ action: action.api, now: () => Date.now(), timers: systemTimers });
    toolbar.fault('its database was written by a newer version');
    expect(action.shown).toMatchObject({ text: '!', color: '#c62828' });
    expect(action.shown.title).toBe('Risk Guard cannot start: its database was written by a newer version');
    toolbar.show(fine);
    expect(action.shown.text).toBe('');
  });

  it('survives a browser without action APIs or with failing ones', async () => {
    expect(() => createToolbar({ action: undefined, now: () => NOW, timers: systemTimers }).show(fine)).not.toThrow();
    const failing = {
      setBadgeText: () => Promise.reject(new Error('shutting down')),
      setBadgeBackgroundColor: () => Promise.reject(new Error('shutting down')),
      setTitle: () => Promise.reject(new Error('shutting down')),
      setIcon: () => Promise.reject(new Error('shutting down')),
    };
    const toolbar = createToolbar({ action: failing, now: () => Date.now(), timers: systemTimers });
    toolbar.show(lockedUntil(NOW + MIN));
    await vi.runAllTimersAsync();
    expect(toolbar.current()?.state).toBe('ok');
  });
});
