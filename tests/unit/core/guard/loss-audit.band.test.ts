import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nearFraction } from '../../../../src/core/guard/loss-audit';
import { NOW } from '../realtime/reconciler-fixture';
import { config, settle, world } from './loss-audit-fixture';

/** When the audit reads: the near band, the modes, the limit (the fixture says how the world is faked). */
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the daily loss audit', () => {
  it('begins at the rule’s lowest warning level, never later than 80 % of the limit', () => {
    expect(nearFraction([0.5, 0.8, 0.95])).toBe(0.5);
    expect(nearFraction([0.9])).toBe(0.8);
    expect(nearFraction([0.3, 0.9])).toBe(0.3);
    expect(nearFraction([])).toBe(0.8);
  });

  it('reads the account’s trades (trades scope, that account only) when a trade brings the day’s loss into the near band', async () => {
    const w = world({ loss: 40 });
    w.event(120); // 60 % of $200, past the 50 % warning
    await settle();
    expect(w.reads).toEqual([{ reason: 'daily-loss-audit', accountIds: [7], scope: 'trades' }]);
    expect(w.audit.stats()).toEqual({ runs: 1, foundMissed: 0, missedTrades: 0, failed: 0 });
  });

  it('an account far from its limit causes no read, however many trades arrive', async () => {
    const w = world({ loss: 0 });
    for (let i = 1; i <= 20; i++) {
      w.event(4 * i); // up to $80: 40 % of $200
      await vi.advanceTimersByTimeAsync(20_000);
    }
    w.event(99, 'hub', 'tick');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(w.reads).toEqual([]);
    expect(w.audit.stats().runs).toBe(0);
  });

  it('reads nothing for a rule in monitor or off, however near (no lockout to get wrong)', async () => {
    for (const mode of ['monitor', 'off'] as const) {
      const w = world({ loss: 0, config: config({ mode }) });
      w.event(190);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(w.reads).toEqual([]);
    }
  });

  it('reads nothing at or past the limit: that is a breach, the enforcement acts and reconciles', async () => {
    const w = world({ loss: 0 });
    w.event(200);
    w.event(260);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.reads).toEqual([]);
  });

  it('follows the rule’s own warning levels: at [0.9] near begins at 80 %, at [0.3] at 30 %', async () => {
    const late = world({ loss: 0, config: config({ warnAt: [0.9] }) });
    late.event(159);
    await settle();
    expect(late.reads).toHaveLength(0);
    late.event(160);
    await settle();
    expect(late.reads).toHaveLength(1);

    const early = world({ loss: 0, config: config({ warnAt: [0.3] }) });
    early.event(59);
    await settle();
    expect(early.reads).toHaveLength(0);
    early.event(60);
    await settle();
    expect(early.reads).toHaveLength(1);
  });
});
