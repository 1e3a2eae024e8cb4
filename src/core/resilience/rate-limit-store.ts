import type { Clock, TimerHandle, Timers } from '../ports';
import type { DurableStore } from '../storage/durable-store';
import type { RateBucket } from './lanes';
import { type PersistedBucket, sanitizePersisted } from './rate-limit-config';

/**
 * What a restarted worker remembers of the rate windows. An MV3 worker that forgot its last
 * minute of requests would burst past the server's window, so each bucket's sent stamps and
 * 429 pause are written to store `limiter`: debounced (a burst of grants is one write),
 * relaxed (a lost write only weakens the restart protection), and read back sanitized
 * (rate-limit-config.ts) when the next worker starts. Without a store nothing is kept.
 */
export interface RateLimitStore {
  /** Writes soon: one write for everything that changes within the debounce. */
  schedule(): void;
  /** Writes now, in place of a scheduled write. */
  flush(): Promise<void>;
  /** A bucket as a previous worker left it, made safe to merge; undefined when none was kept. */
  load(bucket: RateBucket, now: number, windowMs: number): Promise<PersistedBucket | undefined>;
  /** No more writes (a scheduled one is dropped). */
  dispose(): void;
}

export interface RateLimitStoreOptions {
  store?: DurableStore | undefined;
  clock: Clock;
  timers: Timers;
  debounceMs: number;
  /** Each bucket as it stands at `now`, to be written. */
  snapshot(now: number): Record<RateBucket, PersistedBucket>;
}

export function createRateLimitStore(options: RateLimitStoreOptions): RateLimitStore {
  const { store, clock, timers } = options;
  let timer: TimerHandle | undefined;
  let disposed = false;

  const write = async (): Promise<void> => {
    if (!store) return;
    const buckets = options.snapshot(clock.now());
    const writes = (Object.keys(buckets) as RateBucket[]).map((name) => ({
      store: 'limiter' as const,
      key: name,
      value: buckets[name],
    }));
    await store.putMany(writes, { durability: 'relaxed' });
  };

  return {
    schedule() {
      if (!store || timer !== undefined || disposed) return;
      timer = timers.setTimeout(() => {
        timer = undefined;
        void write().catch(() => undefined); // best effort: a failed write only weakens restart protection
      }, options.debounceMs);
    },
    flush() {
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      return write();
    },
    async load(bucket, now, windowMs) {
      if (!store) return undefined;
      return sanitizePersisted(await store.get<unknown>('limiter', bucket), now, windowMs);
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
