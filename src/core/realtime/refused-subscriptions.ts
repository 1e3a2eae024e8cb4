import type { Random, TimerHandle, Timers } from '../ports';
import { type ReconnectPolicy, reconnectDelay } from './reconnect-policy';
import { type SubscriptionSpec, subscriptionKey } from './subscription-registry';

/**
 * Subscriptions the hub refused while the connection stayed open: SignalR answers the
 * invocation with an error (an account that is not this user's, or no longer active; a
 * contract the hub does not know). The refusal concerns that one subscription, not the
 * connection. Dropping the hub for it would make the guard blind on EVERY account, for ever:
 * each reconnect replays the same refused call. So the connection stays, the owner hears of
 * the refusal (and may give the subscription up), and the call is asked again after the
 * reconnect policy's backoff for as long as it is wanted.
 *
 *   wanted ──refused──▶ refused(n) ──backoff(n+1)──▶ asked again ──accepted──▶ forgotten
 *                          ▲                              │
 *                          └────────refused again─────────┘   (given up / connection gone: no retry)
 */
export interface RefusedSubscriptions {
  /** Records a refusal and schedules `retry`; true for the first refusal since it was last accepted (journal that one). */
  refused(spec: SubscriptionSpec, retry: () => void): boolean;
  /** Accepted, or no longer wanted: its count and its retry go. True when it had been refused. */
  forget(spec: SubscriptionSpec): boolean;
  /** The connection is gone: no retry on it (the next connection asks for everything); counts stay. */
  cancelRetries(): void;
  /** How many subscriptions are refused right now. */
  size(): number;
}

export function createRefusedSubscriptions(deps: {
  timers: Timers;
  random: Random;
  policy: ReconnectPolicy;
}): RefusedSubscriptions {
  const failures = new Map<string, number>();
  const retries = new Map<string, TimerHandle>();
  const keyOf = (spec: SubscriptionSpec) => subscriptionKey(spec.method, spec.args);
  const cancel = (key: string) => {
    const handle = retries.get(key);
    if (handle !== undefined) deps.timers.clearTimeout(handle);
    retries.delete(key);
  };
  return {
    refused(spec, retry) {
      const key = keyOf(spec);
      const n = failures.get(key) ?? 0;
      failures.set(key, n + 1);
      cancel(key);
      // n + 1: the policy's first delay is 0 (a reconnect at once); a refusal asked again at
      // once would be refused again at once.
      const delay = Math.max(reconnectDelay(n + 1, deps.policy, deps.random), 1);
      retries.set(
        key,
        deps.timers.setTimeout(() => {
          retries.delete(key);
          retry();
        }, delay),
      );
      return n === 0;
    },
    forget(spec) {
      const key = keyOf(spec);
      cancel(key);
      return failures.delete(key);
    },
    cancelRetries() {
      for (const key of [...retries.keys()]) cancel(key);
    },
    size: () => failures.size,
  };
}
