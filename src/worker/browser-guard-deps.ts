import type { GatewayHosts } from '../core/gateway/hosts';
import type { GuardDeps } from '../core/guard/guard-deps';
import type { FetchLike, Scheduler } from '../core/ports';
import { systemTimers } from '../core/ports';
import { createSignalRHubFactory } from '../core/realtime/hub-transport';
import type { OffsetClock } from './clock-offset';
import type { GuardStorage } from './guard-host';
import type { LatencyTrace } from './latency-trace';

/**
 * The browser's real ports for a guard (src/core/guard/guard-deps.ts): the worker's clock and
 * a monotonic one, the global timers, fetch, WebCrypto, SignalR, the alarm scheduler, the
 * opened IndexedDB. Local builds may put the latency trace around fetch and the hubs.
 */
export function browserGuardDeps(deps: {
  clock: OffsetClock;
  scheduler: Scheduler;
  latency: LatencyTrace | null;
}): (hosts: GatewayHosts, storage: GuardStorage) => GuardDeps {
  const { clock, latency } = deps;
  const fetchPort = ((url, init) => globalThis.fetch(url, init)) as FetchLike;
  return (hosts, { store, journal }) => ({
    clock,
    // The dev shift is time passing (the demo plays 17:00), so it moves this clock too.
    monotonic: { now: () => performance.now() + clock.offsetMs() },
    timers: systemTimers,
    random: Math.random,
    fetch: latency ? latency.fetch(fetchPort) : fetchPort,
    subtle: globalThis.crypto.subtle,
    store,
    journal,
    hubFactory: latency ? latency.hubFactory(createSignalRHubFactory()) : createSignalRHubFactory(),
    scheduler: deps.scheduler,
    hosts,
    newId: () => globalThis.crypto.randomUUID(),
    ...(latency ? { probe: latency } : {}),
  });
}
