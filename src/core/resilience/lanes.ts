/**
 * Priority lanes of the rate limiter (docs/architecture.md, "Enforcement jumps the queue"):
 * enforcement first, then reconciliation, then everything else. A flatten never waits behind
 * routine traffic.
 */
export const Lane = { Enforcement: 'enforcement', Reconciliation: 'reconciliation', Routine: 'routine' } as const;
export type Lane = (typeof Lane)[keyof typeof Lane];
export const LANES_BY_PRIORITY: readonly Lane[] = [Lane.Enforcement, Lane.Reconciliation, Lane.Routine];

/** Rate-limit buckets of the real service: History/retrieveBars has its own, everything else shares one. */
export type RateBucket = 'bars' | 'general';
export function rateBucketOf(endpoint: string): RateBucket {
  return endpoint.endsWith('/History/retrieveBars') ? 'bars' : 'general';
}
