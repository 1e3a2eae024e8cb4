import type { browser as wxtBrowser } from 'wxt/browser';
import type { FetchLike } from '../core/ports';
import { systemTimers } from '../core/ports';
import { createSignalRHubFactory } from '../core/realtime/hub-transport';
import { createIdbJournal } from '../core/state/idb-journal';
import type { JournalQuery } from '../core/state/journal';
import { openIdbStore } from '../core/storage/idb-store';
import { createMessageRouter } from '../messaging/router';
import type { RuntimeServerLike } from '../messaging/runtime-types';
import { SNAPSHOT_CACHE_KEY } from '../messaging/snapshot-cache';
import { createSnapshotPublisher } from '../messaging/snapshot-publisher';
import { createAlarmScheduler, schedulerNameOf } from '../platform/alarm-scheduler';
import { createOffsetClock } from './clock-offset';
import { applyDevAutoconnect, DEV_AUTOCONNECT_FILE, loadPackagedJson } from './dev-autoconnect';
import { createGuardHost, type GuardStorage } from './guard-host';
import { createHandlers } from './handlers';
import { createLatencyTrace } from './latency-trace';
import { createNotifier } from './notifier';
import { createPageBlock } from './page-block';
import { createPnlSeries } from './pnl-series';
import { createReplayJobs } from './replay-jobs';
import { buildSnapshot } from './snapshot';
import { createSoundPlayer, type OffscreenApi, type SoundRuntime } from './sound-player';

export const WATCHDOG_ALARM = 'watchdog';
const DEV_CLOCK_KEY = 'dev-clock-offset';

/**
 * Builds the worker: storage, the guard host, the message router, alarms, the page's
 * network block and notifications. Listeners are registered synchronously, before any
 * await, so an event that woke the worker is not lost; handlers wait for the guard to load.
 */
export function startWorker(browser: typeof wxtBrowser, options: { localBuild: boolean }) {
  const clock = createOffsetClock();
  const publisher = createSnapshotPublisher();
  const series = createPnlSeries();
  const scheduler = createAlarmScheduler({
    alarms: browser.alarms,
    clock,
    onFire: (name) => void host.ready().then((g) => g.onDeadline(name)),
  });

  const storage: Promise<GuardStorage> = (async () => {
    const store = await openIdbStore({ indexedDB: globalThis.indexedDB });
    const journal = createIdbJournal({ db: store.db });
    if (options.localBuild) clock.setOffsetMs((await store.get<number>('meta', DEV_CLOCK_KEY)) ?? 0);
    return { store, journal };
  })();

  // Local builds only: where the time goes between a breach and its first request (benchmarks).
  const latency = options.localBuild ? createLatencyTrace() : null;
  const fetchPort = ((url, init) => globalThis.fetch(url, init)) as FetchLike;
  const host = createGuardHost({
    storage,
    depsFor: (hosts, { store, journal }) => ({
      clock,
      timers: systemTimers,
      random: Math.random,
      fetch: latency ? latency.fetch(fetchPort) : fetchPort,
      subtle: globalThis.crypto.subtle,
      store,
      journal,
      hubFactory: latency ? latency.hubFactory(createSignalRHubFactory()) : createSignalRHubFactory(),
      scheduler,
      hosts,
      newId: () => globalThis.crypto.randomUUID(),
      ...(latency ? { probe: latency } : {}),
    }),
  });
  const snapshotNow = async () =>
    buildSnapshot((await host.ready()).view(), series, { clockOffsetMs: clock.offsetMs() });
  const pageBlock = createPageBlock({ dnr: browser.declarativeNetRequest });
  const sound = createSoundPlayer({
    // Chrome only; Firefox's event page plays the tone itself with an AudioContext.
    offscreen: (browser as unknown as { offscreen?: OffscreenApi }).offscreen,
    runtime: browser.runtime as unknown as SoundRuntime,
    createAudioContext: typeof AudioContext === 'function' ? () => new AudioContext() : undefined,
  });
  const notifier = createNotifier({ notifications: browser.notifications, now: () => clock.now(), sound });

  // Snapshots are rebuilt at most every 100 ms: a burst of quotes is one repaint.
  let publishArmed = false;
  const publish = () => {
    if (publishArmed) return;
    publishArmed = true;
    setTimeout(() => {
      publishArmed = false;
      void host.ready().then((guard) => {
        const view = guard.view();
        const snapshot = buildSnapshot(view, series, { clockOffsetMs: clock.offsetMs() });
        const prev = publisher.current();
        publisher.publish(snapshot);
        void browser.storage.session?.set({ [SNAPSHOT_CACHE_KEY]: snapshot }).catch(() => undefined);
        pageBlock.sync(view.config.pageBlock, snapshot);
        notifier.onSnapshot(prev, snapshot, view.config.notifications);
      });
    }, 100);
  };
  host.onGuard((guard) => {
    guard.subscribe(publish);
    guard.onDecisions((decisions) => notifier.onDecisions(decisions));
    publish();
  });

  const router = createMessageRouter(
    createHandlers({
      host,
      publisher,
      snapshot: snapshotNow,
      now: () => clock.now(),
      replay: createReplayJobs({ host, newId: () => globalThis.crypto.randomUUID() }),
    }),
    {
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    },
  );
  router.listen(browser.runtime as unknown as RuntimeServerLike);
  browser.alarms.onAlarm.addListener((alarm) => {
    const name = schedulerNameOf(alarm.name);
    if (name) void host.ready().then((g) => g.onDeadline(name));
    else if (alarm.name === WATCHDOG_ALARM) void host.ready().then((g) => g.watchdog());
  });
  // Created once: re-creating it at every worker start would restart its period each time.
  void browser.alarms.get(WATCHDOG_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 0.5 });
  });

  if (options.localBuild) {
    // Headless checks (Firefox) connect from a file dropped into their copy of the build.
    const autoconnectUrl = browser.runtime.getURL(DEV_AUTOCONNECT_FILE as '/');
    void applyDevAutoconnect(host, () => loadPackagedJson(autoconnectUrl)).catch((err: unknown) =>
      console.error('dev autoconnect failed', err instanceof Error ? err.message : 'unknown error'),
    );
    // Dev hook for the demo and the e2e tests (local builds only; store builds have none).
    Object.assign(globalThis, {
      riskGuardDev: {
        async setClockOffsetMs(ms: number) {
          clock.setOffsetMs(ms);
          await (await storage).store.put('meta', DEV_CLOCK_KEY, ms, { durability: 'strict' });
          await (await host.ready()).clockChanged();
          publish();
        },
        now: () => clock.now(),
        snapshot: snapshotNow,
        journal: async (filters?: JournalQuery) => (await host.ready()).journal.list(filters),
        view: async () => (await host.ready()).view(),
        latency: () => latency?.records() ?? [],
      },
    });
  }
  return { host, publisher };
}
