import { afterEach, describe, expect, it } from 'vitest';
import { Lane } from '../../../src/core/resilience/lanes';
import { lastHourBars, type Stack, startStack } from '../gateway/harness';

/**
 * The rate limiter in the full REST stack against the simulator, whose own limits are the
 * gateway's (compressed in both: 200 per 3 s instead of 200 per 60 s, 50 per 1.5 s instead of
 * 50 per 30 s; same proportions). The caller never sees a 429 the limiter could have avoided,
 * enforcement goes first, and a 429 the limiter could not avoid stalls nobody for long.
 */
const COMPRESSED = {
  sim: { rateLimits: { general: { limit: 200, windowMs: 3_000 }, bars: { limit: 50, windowMs: 1_500 } } },
  limits: { general: { max: 200, windowMs: 3_000 }, bars: { max: 50, windowMs: 1_500 } },
};

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('rate limiter against the simulator', () => {
  it('absorbs a burst of 60 history requests past the 50-per-window limit: all answered, no 429, spread over the window', async () => {
    stack = await startStack(COMPRESSED);
    const s = stack;
    const contract = s.sim.contracts[0];
    if (!contract) throw new Error('no contracts');
    s.sim.requests.clear();
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, () => s.api.retrieveBars(lastHourBars(contract.id))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const bars = s.sim.requests.list('/api/History/retrieveBars');
    expect(bars).toHaveLength(60);
    expect(bars.filter((r) => r.httpStatus === 429)).toEqual([]);
    // 45 fit in the first window (50 less the safety margin); the rest waited for it to slide.
    expect((bars.at(-1)?.at ?? 0) - (bars[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_400);
    expect(s.sim.rateLimits.rejected()).toBe(0);
  });

  it('lets enforcement jump a queue of 300 routine reads: its calls are answered before the routine backlog', async () => {
    stack = await startStack(COMPRESSED);
    const s = stack;
    s.sim.requests.clear();
    const finished: Array<{ lane: string; at: number }> = [];
    const read = (lane: Lane) =>
      s.api
        .searchOpenPositions({ accountId: s.accountId }, { lane })
        .then(() => finished.push({ lane, at: Date.now() }));
    const routine = Array.from({ length: 300 }, () => read(Lane.Routine));
    await new Promise((r) => setTimeout(r, 50)); // the window is full and the backlog queued
    const enforcement = Array.from({ length: 5 }, () => read(Lane.Enforcement));
    await Promise.all([...routine, ...enforcement]);
    const lastEnforcement = Math.max(...finished.filter((f) => f.lane === 'enforcement').map((f) => f.at));
    const lastRoutine = Math.max(...finished.filter((f) => f.lane === 'routine').map((f) => f.at));
    expect(lastRoutine - lastEnforcement).toBeGreaterThan(1_000);
    expect(s.sim.requests.list().filter((r) => r.httpStatus === 429)).toEqual([]);
  });

  it('honours a gateway 429 with an hour-long Retry-After for one window at most, and enforcement still gets through meanwhile', async () => {
    stack = await startStack(COMPRESSED);
    const s = stack;
    // Another client on the same account used the budget: the gateway refuses one routine read.
    s.sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'rate-limit', retryAfterSec: 3_600 },
      schedule: { type: 'once' },
    });
    const started = Date.now();
    const routine = s.api.searchAccounts({ onlyActiveAccounts: true }).then(() => Date.now() - started);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.limiter.stats().general.pausedUntil).toBeLessThanOrEqual(started + 3_100);
    const flattenRead = await s.api
      .searchOpenPositions({ accountId: s.accountId }, { lane: Lane.Enforcement })
      .then(() => Date.now() - started);
    expect(flattenRead).toBeLessThan(1_000);
    // The routine read is answered after one (compressed) window, not after an hour.
    const routineAfter = await routine;
    expect(routineAfter).toBeGreaterThanOrEqual(2_900);
    expect(routineAfter).toBeLessThan(5_000);
  });
});
