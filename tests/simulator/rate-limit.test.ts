import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index';
import { createRateLimiter, DEFAULT_RATE_LIMITS } from '../../simulator/rate-limit';
import type { Simulator } from '../../simulator/types';
import { login, post } from './test-kit';

describe('rate limiter (sliding windows)', () => {
  it('allows 200 general requests per 60 s per user and says how long to wait after that', () => {
    let t = 1_000_000;
    const rl = createRateLimiter(DEFAULT_RATE_LIMITS, () => t);
    for (let i = 0; i < 200; i++) {
      expect(rl.take('demo', 'general')).toBeNull();
      t += 100; // 200 requests over 20 s
    }
    expect(rl.take('demo', 'general')).toBe(40); // the first leaves the window at 60 s
    expect(rl.take('other', 'general')).toBeNull();
    expect(rl.used('demo', 'general')).toBe(200);
    expect(rl.rejected()).toBe(1);
    t += 40_000;
    expect(rl.take('demo', 'general')).toBeNull();
  });

  it('counts History/retrieveBars in its own 50 per 30 s window', () => {
    let t = 0;
    const rl = createRateLimiter(DEFAULT_RATE_LIMITS, () => t);
    for (let i = 0; i < 50; i++) expect(rl.take('demo', 'bars')).toBeNull();
    expect(rl.take('demo', 'bars')).toBe(30);
    expect(rl.take('demo', 'general')).toBeNull();
    t += 30_001;
    expect(rl.used('demo', 'bars')).toBe(0);
  });
});

describe('rate limits over HTTP', () => {
  let sim: Simulator;
  afterEach(async () => {
    await sim?.stop();
  });

  it('answers 429 with Retry-After past the limit and counts per bucket', async () => {
    let t = Date.UTC(2026, 10, 25, 15);
    sim = await startSimulator({
      priceTickMs: 0,
      now: () => t,
      rateLimits: { general: { limit: 4, windowMs: 10_000 }, bars: { limit: 2, windowMs: 5_000 } },
    });
    const token = await login(sim); // 1
    for (let i = 0; i < 3; i++) {
      expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status).toBe(200);
    }
    const refused = await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(sim.rateLimits.used('demo', 'general')).toBe(4);
    expect(sim.rateLimits.rejected()).toBe(1);
    const bars = {
      contractId: 'CON.F.US.MNQ.Z26',
      live: false,
      startTime: '2026-11-25T00:00:00Z',
      endTime: '2026-11-26T00:00:00Z',
      unit: 2,
      unitNumber: 1,
      limit: 100,
      includePartialBar: true,
    };
    expect((await post(sim, '/api/History/retrieveBars', bars, token)).status).toBe(200);
    expect((await post(sim, '/api/History/retrieveBars', bars, token)).status).toBe(200);
    expect((await post(sim, '/api/History/retrieveBars', bars, token)).status).toBe(429);
    expect(sim.rateLimits.used('demo', 'bars')).toBe(2);
    t += 10_001;
    expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status).toBe(200);
    expect(sim.requests.list('/api/Account/search').map((r) => r.httpStatus)).toEqual([200, 200, 200, 429, 200]);
  });
});
