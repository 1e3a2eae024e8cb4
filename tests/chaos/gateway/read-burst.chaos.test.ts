import { afterEach, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../integration/gateway/harness';

/**
 * A burst of 300 concurrent reads through the full stack against the simulator, with the
 * rate-limit window compressed in BOTH the simulator and the client limiter (200 per 3 s
 * instead of 200 per 60 s; same proportions). The limiter must absorb the burst: every read
 * completes and the gateway never answers 429.
 *
 * The limiter holds a slot while its request is in flight and stamps it at completion (an
 * upper bound of when the gateway counted it), so its window never runs ahead of the
 * gateway's, however the burst's arrivals spread out.
 */
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('rate limiting under a read burst', () => {
  it('completes a burst of 300 reads without a single 429 from the gateway', async () => {
    stack = await startStack({
      sim: { rateLimits: { general: { limit: 200, windowMs: 3_000 }, bars: { limit: 50, windowMs: 1_500 } } },
      limits: { general: { max: 200, windowMs: 3_000 }, bars: { max: 50, windowMs: 1_500 } },
    });
    const s = stack;
    s.sim.requests.clear();
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, () => s.api.searchOpenOrders({ accountId: s.accountId })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const reads = s.sim.requests.list('/api/Order/searchOpen');
    expect(reads).toHaveLength(300);
    expect(reads.filter((r) => r.httpStatus === 429)).toEqual([]);
    expect(s.sim.rateLimits.rejected()).toBe(0);
    // It had to wait for the window: the last read arrived at least one window after the first.
    const first = reads[0]?.at ?? 0;
    const last = reads.at(-1)?.at ?? 0;
    expect(last - first).toBeGreaterThanOrEqual(2_900);
  });
});
