import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { createNotifier } from '../../../../src/worker/notifications/notifier';
import { buildSnapshot } from '../../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../../src/worker/snapshot/pnl-series';
import { dailyLockout, NOW, sampleView } from '../fixtures';

describe('system notifications', () => {
  it('tells a lockout once, loudly, and a breach decision with it', () => {
    const create = vi.fn(async () => 'id');
    const notifier = createNotifier({ notifications: { create }, now: () => NOW });
    const settings = defaultConfig().notifications;
    const before = buildSnapshot(sampleView(), createPnlSeries());
    const after = buildSnapshot(sampleView({ lockouts: [dailyLockout(1, NOW + 60_000)] }), createPnlSeries());
    notifier.onDecisions([
      {
        kind: 'enforce',
        ruleId: 'dailyRealizedLoss',
        accountId: 1,
        action: { type: 'flatten' },
        reason: 'Realized P&L -520 reached the daily loss limit 500',
        figures: {},
        monitorOnly: false,
      },
    ]);
    notifier.onSnapshot(before, after, settings);
    notifier.onSnapshot(after, after, settings);
    const kinds = create.mock.calls.map((c) => (c as unknown as [string])[0]);
    expect(kinds.some((id) => id.includes('lockout'))).toBe(true);
    expect(kinds.some((id) => id.includes('breach'))).toBe(true);
    expect(new Set(kinds).size).toBe(kinds.length); // nothing told twice
  });

  it('stays silent when the trader switched the kind off, and without a notifications API', () => {
    const create = vi.fn(async () => 'id');
    const notifier = createNotifier({ notifications: { create }, now: () => NOW });
    const settings = { ...defaultConfig().notifications, lockouts: false, enforcements: false };
    const after = buildSnapshot(sampleView({ lockouts: [dailyLockout(1, NOW + 60_000)] }), createPnlSeries());
    notifier.onSnapshot(null, after, settings);
    expect(create).not.toHaveBeenCalled();
    expect(() =>
      createNotifier({ notifications: undefined, now: () => NOW }).onSnapshot(
        null,
        after,
        defaultConfig().notifications,
      ),
    ).not.toThrow();
  });
});

describe('notification sound', () => {
  it('plays one tone per batch at the loudest level and silences the notifications themselves', () => {
    const create = vi.fn(async (_id: string, _o: { silent?: boolean }) => 'id');
    const play = vi.fn(async () => undefined);
    const notifier = createNotifier({ notifications: { create }, now: () => NOW, sound: { play } });
    const settings = { ...defaultConfig().notifications, sound: 'loud' as const };
    const after = buildSnapshot(sampleView({ lockouts: [dailyLockout(1, NOW + 60_000)] }), createPnlSeries());
    notifier.onSnapshot(null, after, settings);
    expect(create).toHaveBeenCalled();
    expect(create.mock.calls.every((c) => c[1].silent === true)).toBe(true);
    expect(play).toHaveBeenCalledTimes(1);
    expect(play).toHaveBeenCalledWith('loud');
    notifier.onSnapshot(after, after, settings); // nothing new: no tone
    expect(play).toHaveBeenCalledTimes(1);
  });

  it('plays nothing when the sound setting is off', () => {
    const create = vi.fn(async () => 'id');
    const play = vi.fn(async () => undefined);
    const notifier = createNotifier({ notifications: { create }, now: () => NOW, sound: { play } });
    const after = buildSnapshot(sampleView({ lockouts: [dailyLockout(1, NOW + 60_000)] }), createPnlSeries());
    notifier.onSnapshot(null, after, { ...defaultConfig().notifications, sound: 'off' });
    expect(create).toHaveBeenCalled();
    expect(play).not.toHaveBeenCalled();
  });

  it('keeps what it told across worker restarts through its memory (a refused key is told once)', async () => {
    const create = vi.fn(async () => 'id');
    const saved: { value: unknown } = { value: undefined };
    const memory = {
      load: async () => saved.value,
      save: async (state: unknown) => {
        saved.value = structuredClone(state);
      },
    };
    const settings = defaultConfig().notifications;
    const refused = buildSnapshot(
      sampleView({ health: { ...sampleView().health, token: 'reenter-key', blindSince: NOW } }),
      createPnlSeries(),
    );
    for (let wake = 0; wake < 5; wake++) {
      const notifier = createNotifier({ notifications: { create }, now: () => NOW + wake * 30_000, memory });
      notifier.onSnapshot(null, refused, settings);
      await vi.waitFor(() => expect(saved.value).toBeDefined());
      await new Promise((r) => setTimeout(r, 0));
    }
    const ids = create.mock.calls.map((c) => (c as unknown as [string])[0]);
    expect(ids.filter((id) => id.includes('reenter-key'))).toHaveLength(1);
  });
});
