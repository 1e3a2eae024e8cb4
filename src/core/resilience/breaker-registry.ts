/**
 * The set of circuit breakers, one per endpoint group (`breakerGroupOf`), with their state
 * persisted to store `breakers` on every state change so a restarted worker does not hammer
 * a service it had just found down, and one listener point for the UI ("orders: service
 * unavailable").
 */
import type { Clock } from '../ports';
import type { DurableStore } from '../storage/durable-store';
import {
  BREAKER_GROUPS,
  type BreakerGroup,
  type BreakerOptions,
  type BreakerSnapshot,
  type BreakerState,
  breakerGroupOf,
  type CircuitBreaker,
  createCircuitBreaker,
} from './circuit-breaker';

export type BreakerListener = (group: BreakerGroup, to: BreakerState, from: BreakerState) => void;

export interface BreakerRegistry {
  get(group: BreakerGroup): CircuitBreaker;
  forEndpoint(endpoint: string): CircuitBreaker;
  snapshot(): Record<BreakerGroup, BreakerSnapshot>;
  /** Load the states a previous worker saved; call once at start, before traffic. */
  restore(): Promise<void>;
  subscribe(listener: BreakerListener): () => void;
  /** Resolves when every state write started so far has landed. */
  flush(): Promise<void>;
}

export function createBreakerRegistry(input: {
  clock: Clock;
  store?: DurableStore;
  options?: BreakerOptions;
}): BreakerRegistry {
  const { clock, store } = input;
  const listeners = new Set<BreakerListener>();
  const breakers = new Map<BreakerGroup, CircuitBreaker>();
  let pending: Promise<void> = Promise.resolve();

  const save = (breaker: CircuitBreaker): void => {
    if (!store) return;
    const snapshot = breaker.snapshot();
    pending = pending
      .then(() => store.put('breakers', breaker.group, snapshot, { durability: 'relaxed' }))
      .catch(() => undefined); // best effort: losing a breaker state only costs a few failed calls
  };

  const notify = (group: BreakerGroup, to: BreakerState, from: BreakerState): void => {
    for (const listener of [...listeners]) {
      try {
        listener(group, to, from);
      } catch {
        // A broken UI listener must not break the breaker.
      }
    }
  };

  const install = (group: BreakerGroup, initial?: BreakerSnapshot): CircuitBreaker => {
    const breaker = createCircuitBreaker({ group, clock, options: input.options, initial });
    breaker.subscribe((to, from) => {
      save(breaker);
      notify(group, to, from);
    });
    breakers.set(group, breaker);
    return breaker;
  };
  for (const group of BREAKER_GROUPS) install(group);

  const get = (group: BreakerGroup): CircuitBreaker => breakers.get(group) ?? install(group);

  return {
    get,
    forEndpoint: (endpoint) => get(breakerGroupOf(endpoint)),
    snapshot() {
      const out = {} as Record<BreakerGroup, BreakerSnapshot>;
      for (const group of BREAKER_GROUPS) out[group] = get(group).snapshot();
      return out;
    },
    async restore() {
      if (!store) return;
      const saved = await store.getAll<BreakerSnapshot>('breakers');
      for (const { key, value } of saved) {
        if (!(BREAKER_GROUPS as readonly string[]).includes(key)) continue;
        const group = key as BreakerGroup;
        const before = get(group).state();
        const breaker = install(group, value);
        const after = breaker.state();
        if (after !== before) notify(group, after, before);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: () => pending,
  };
}
