import { errorMessage } from '../core/error-message';
import type { JournalFilters } from '../core/journal/journal';
import type { OffsetClock } from './clock-offset';
import { applyDevAutoconnect, DEV_AUTOCONNECT_FILE, loadPackagedJson } from './dev-autoconnect';
import type { GuardHost } from './guard-host';
import type { LatencyTrace } from './latency-trace';
import { DEV_CLOCK_KEY } from './open-storage';
import type { SnapshotPump } from './snapshot/snapshot-pump';

/**
 * Local builds only (store builds never call this): connect from a file dropped into the
 * build (the headless Firefox check), and `globalThis.riskGuardDev` for the demo and the
 * end-to-end tests: shift the worker's clock (the shift is stored, and the guard catches up
 * at once), read the time, a snapshot, the journal, the guard's view, the latency records.
 */
export function installDevHooks(deps: {
  getURL: (path: '/') => string;
  host: GuardHost;
  clock: OffsetClock;
  pump: SnapshotPump;
  latency: LatencyTrace | null;
}): void {
  const { host, clock, pump } = deps;
  const autoconnectUrl = deps.getURL(DEV_AUTOCONNECT_FILE as '/');
  void applyDevAutoconnect(host, () => loadPackagedJson(autoconnectUrl)).catch((err: unknown) =>
    console.error('dev autoconnect failed', errorMessage(err, 'unknown error')),
  );
  Object.assign(globalThis, {
    riskGuardDev: {
      async setClockOffsetMs(ms: number) {
        clock.setOffsetMs(ms);
        await (await host.storage()).store.put('meta', DEV_CLOCK_KEY, ms, { durability: 'strict' });
        await (await host.ready()).clockChanged();
        pump.publish();
      },
      now: () => clock.now(),
      snapshot: pump.now,
      journal: async (filters?: JournalFilters) => (await host.ready()).journal.list(filters),
      view: async () => (await host.ready()).view(),
      latency: () => deps.latency?.records() ?? [],
    },
  });
}
