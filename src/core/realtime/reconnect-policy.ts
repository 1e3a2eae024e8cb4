import { errorMessage } from '../error-message';
import type { Random } from '../ports';

/**
 * The guard's reconnect policy: 0, 2, 10, 30, 60 s, then every 60 s for ever, each with
 * jitter so many browsers do not reconnect in lock-step after an outage. The SignalR client's
 * own policy gives up after four tries and never retries a failed first start: not enough
 * for a guard that must never stay blind.
 */
export interface ReconnectPolicy {
  delaysMs: readonly number[];
  foreverDelayMs: number;
  /** Each delay is scaled by a factor in [1 - jitterRatio, 1 + jitterRatio). 0 stays 0. */
  jitterRatio: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  delaysMs: [0, 2000, 10_000, 30_000, 60_000],
  foreverDelayMs: 60_000,
  jitterRatio: 0.2,
};

/** Delay before retry number `failures` (0 = the first retry after a loss or failed start). */
export function reconnectDelay(failures: number, policy: ReconnectPolicy, random: Random): number {
  const base = failures < policy.delaysMs.length ? (policy.delaysMs[failures] ?? 0) : policy.foreverDelayMs;
  if (base === 0) return 0;
  const factor = 1 - policy.jitterRatio + 2 * policy.jitterRatio * random();
  return Math.round(base * factor);
}

/** The longest a retry can wait once the policy has reached its forever period. */
export function maxRetryPeriod(policy: ReconnectPolicy): number {
  return Math.ceil(policy.foreverDelayMs * (1 + policy.jitterRatio));
}

export type FailureClass = 'refused' | 'unauthorized' | 'failed';

/**
 * Sorts a start/close error. `refused` is the weekend signature: the WebSocket upgrade is
 * answered 503 (Node's `ws` says "Unexpected server response: 503"), or the server closes the
 * connection with an error. In a browser the upgrade failure carries no status and lands in
 * `failed`: the backoff is the same, only the label differs.
 */
export function classifyFailure(error: unknown): FailureClass {
  const message = errorMessage(error);
  if (/\b401\b|unauthori[sz]ed/i.test(message)) return 'unauthorized';
  if (/\b503\b|service unavailable|server returned an error on close/i.test(message)) return 'refused';
  return 'failed';
}
