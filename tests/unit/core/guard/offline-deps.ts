import { randomUUID, webcrypto } from 'node:crypto';
import type { GatewayHosts } from '../../../../src/core/gateway/hosts';
import type { GuardDeps } from '../../../../src/core/guard/guard-deps';
import type { Journal } from '../../../../src/core/journal/journal';
import type { Clock } from '../../../../src/core/ports';
import { systemTimers } from '../../../../src/core/ports';
import type { DurableStore } from '../../../../src/core/storage/durable-store';

/**
 * Guard deps for a guard that never goes online (no credentials stored): any fetch or hub
 * would be a test bug and throws. Enough to start it, load, tick, prune and stop.
 */
export function offlineGuardDeps(input: {
  store: DurableStore;
  journal: Journal;
  clock?: Clock;
  hosts?: GatewayHosts;
}): GuardDeps {
  const clock = input.clock ?? { now: () => Date.now() };
  return {
    clock,
    // Time that cannot be set moves with the test's clock (the tests compress days).
    monotonic: clock,
    timers: systemTimers,
    random: Math.random,
    fetch: async () => {
      throw new Error('no network: this guard has no credentials');
    },
    subtle: webcrypto.subtle as unknown as SubtleCrypto,
    store: input.store,
    journal: input.journal,
    hubFactory: () => {
      throw new Error('no hubs: this guard has no credentials');
    },
    scheduler: { schedule: () => undefined, cancel: () => undefined },
    hosts: input.hosts ?? {
      restBaseUrl: 'http://127.0.0.1:9',
      userHubUrl: 'http://127.0.0.1:9/hubs/user',
      marketHubUrl: 'http://127.0.0.1:9/hubs/market',
    },
    newId: randomUUID,
  };
}
