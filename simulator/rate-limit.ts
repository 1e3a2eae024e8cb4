/**
 * The gateway's rate limits as sliding windows per user: 200 requests / 60 s in general and
 * 50 / 30 s for History/retrieveBars. A request past the limit is refused (429 with
 * Retry-After, in whole seconds until the oldest request leaves the window) and not counted.
 */
export type Bucket = 'general' | 'bars';

export interface RateLimitConfig {
  general: { limit: number; windowMs: number };
  bars: { limit: number; windowMs: number };
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  general: { limit: 200, windowMs: 60_000 },
  bars: { limit: 50, windowMs: 30_000 },
};

export interface RateLimiter {
  /** Count the request; `null` when allowed, else seconds to wait. */
  take(user: string, bucket: Bucket): number | null;
  used(user: string, bucket: Bucket): number;
  rejected(): number;
}

export const bucketOf = (endpoint: string): Bucket =>
  endpoint.toLowerCase() === '/api/history/retrievebars' ? 'bars' : 'general';

export function createRateLimiter(config: RateLimitConfig, now: () => number): RateLimiter {
  const windows = new Map<string, number[]>();
  let rejected = 0;
  const live = (user: string, bucket: Bucket): number[] => {
    const key = `${bucket}|${user}`;
    const cutoff = now() - config[bucket].windowMs;
    const list = (windows.get(key) ?? []).filter((t) => t > cutoff);
    windows.set(key, list);
    return list;
  };
  return {
    take(user, bucket) {
      const list = live(user, bucket);
      const { limit, windowMs } = config[bucket];
      if (list.length >= limit) {
        rejected += 1;
        const oldest = list[0] ?? now();
        return Math.max(1, Math.ceil((oldest + windowMs - now()) / 1000));
      }
      list.push(now());
      return null;
    },
    used: (user, bucket) => live(user, bucket).length,
    rejected: () => rejected,
  };
}
