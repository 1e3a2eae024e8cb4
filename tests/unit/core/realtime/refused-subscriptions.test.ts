import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../../src/core/ports';
import { DEFAULT_RECONNECT_POLICY } from '../../../../src/core/realtime/reconnect-policy';
import { createRefusedSubscriptions } from '../../../../src/core/realtime/refused-subscriptions';

const spec = { method: 'SubscribeOrders', args: [7] };
const setup = () =>
  createRefusedSubscriptions({
    timers: systemTimers,
    random: () => 0.5,
    policy: { ...DEFAULT_RECONNECT_POLICY, jitterRatio: 0 },
  });

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 15, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRefusedSubscriptions', () => {
  it('asks again after 2, 10, 30 and 60 s, then every 60 s, never at once', async () => {
    const refusals = setup();
    const asked: number[] = [];
    const t0 = Date.now();
    const retry = () => {
      asked.push(Date.now() - t0);
      refusals.refused(spec, retry);
    };
    expect(refusals.refused(spec, retry)).toBe(true);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(asked.slice(0, 6)).toEqual([2000, 12_000, 42_000, 102_000, 162_000, 222_000]);
  });

  it('says which refusal is the first since the last acceptance, so the journal hears of it once', () => {
    const refusals = setup();
    expect(refusals.refused(spec, () => undefined)).toBe(true);
    expect(refusals.refused(spec, () => undefined)).toBe(false);
    expect(refusals.size()).toBe(1);
    expect(refusals.forget(spec)).toBe(true);
    expect(refusals.forget(spec)).toBe(false);
    expect(refusals.size()).toBe(0);
    expect(refusals.refused(spec, () => undefined)).toBe(true);
  });

  it('drops the retries when the connection goes, and keeps counting the refusals', async () => {
    const refusals = setup();
    const retry = vi.fn();
    refusals.refused(spec, retry);
    refusals.cancelRetries();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(retry).not.toHaveBeenCalled();
    expect(refusals.size()).toBe(1);
    expect(refusals.refused(spec, retry)).toBe(false);
  });

  it('asks no more for a subscription that was forgotten', async () => {
    const refusals = setup();
    const retry = vi.fn();
    refusals.refused(spec, retry);
    refusals.forget(spec);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(retry).not.toHaveBeenCalled();
  });
});
