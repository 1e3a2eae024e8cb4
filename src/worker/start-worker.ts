import type { browser as wxtBrowser } from 'wxt/browser';
import type { Guard, GuardView } from '../core/guard/guard';
import { createIdbJournal } from '../core/journal/idb-journal';
import type { JournalFilters, NewJournalEntry } from '../core/journal/journal';
import type { FetchLike } from '../core/ports';
import { systemTimers } from '../core/ports';
import { createSignalRHubFactory } from '../core/realtime/hub-transport';
import { openIdbStore } from '../core/storage/idb-store';
import { createMessageRouter } from '../messaging/router';
import type { RuntimeServerLike } from '../messaging/runtime-types';
import { SNAPSHOT_CACHE_KEY } from '../messaging/snapshot-cache';
import { createAlarmScheduler, schedulerNameOf } from './alarm-scheduler';
import { createOffsetClock } from './clock-offset';
import { applyDevAutoconnect, DEV_AUTOCONNECT_FILE, loadPackagedJson } from './dev-autoconnect';
import { createGuardHost, type GuardStorage } from './guard-host';
import { createHandlers } from './handlers';
import { handleInstalled } from './installed';
import { createLatencyTrace } from './latency-trace';
import { createNotifier } from './notifications/notifier';
import { createPageBlock } from './page/page-block';
import { createPageHealth } from './page/page-health';
import { browserPatternProblems } from './page/pattern-check';
import { createReplayJobs } from './replay-jobs';
import { buildSnapshot } from './snapshot/build-snapshot';
import { createPnlSeries } from './snapshot/pnl-series';
import { createSnapshotPublisher } from './snapshot/snapshot-publisher';
import { createSoundPlayer, type OffscreenApi, type SoundRuntime } from './sound/sound-player';
import { reportStartFault } from './start-fault';
import { createStartupAlert } from './startup-alert';
import { createToolbar } from './toolbar/toolbar';

export const WATCHDOG_ALARM = 'watchdog';
const DEV_CLOCK_KEY = 'dev-clock-offset';
const NOTIFIER_MEMORY_KEY = 'notifier-memory';

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
    onFire: (name) => void whenReady((g) => g.onDeadline(name)),
  });

  // Called again by the host's start-up retries when opening fails (startup.ts).
  const openStorage = async (): Promise<GuardStorage> => {
    const store = await openIdbStore({ indexedDB: globalThis.indexedDB });
    const journal = createIdbJournal({ db: store.db });
    if (options.localBuild) clock.setOffsetMs((await store.get<number>('meta', DEV_CLOCK_KEY)) ?? 0);
    return { store, journal };
  };

  // Local builds only: where the time goes between a breach and its first request (benchmarks).
  const latency = options.localBuild ? createLatencyTrace() : null;
  const fetchPort = ((url, init) => globalThis.fetch(url, init)) as FetchLike;
  // The toolbar is redrawn from every published snapshot, and shows a failing start-up.
  const toolbar = createToolbar({ action: browser.action, now: () => Date.now(), timers: systemTimers });
  const startupAlert = createStartupAlert({
    notifications: browser.notifications,
    session: browser.storage.session,
  });
  const host = createGuardHost({
    openStorage,
    onStartup: (status) => {
      void startupAlert.onStatus(status);
      reportStartFault(status, {
        toolbar,
        dropCachedSnapshot: async () => browser.storage.session?.remove(SNAPSHOT_CACHE_KEY),
      });
    },
    // Store builds hold the simulator's host permission only once the trader granted it; local
    // builds require it in the manifest (and Firefox may still report it as not granted there).
    ...(options.localBuild ? {} : { hasHostPermission: (origins) => browser.permissions.contains({ origins }) }),
    depsFor: (hosts, { store, journal }) => ({
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
      scheduler,
      hosts,
      newId: () => globalThis.crypto.randomUUID(),
      ...(latency ? { probe: latency } : {}),
    }),
  });
  /** Run `fn` on the started guard; while start-up is failing it is skipped (views show why; alarms come again). */
  const whenReady = (fn: (guard: Guard) => unknown): Promise<unknown> =>
    host
      .ready()
      .then(fn)
      .catch(() => undefined);
  // The views count down on the guard's time: the server's, whatever the computer's clock says.
  const offsetOf = (view: GuardView) => view.now - Date.now();
  // Page health and the network block journal through the guard once it is there.
  const journalLater = (entry: NewJournalEntry) =>
    void host
      .ready()
      .then((g) => g.journal.append(entry))
      .catch(() => undefined);
  const pageHealth = createPageHealth({ now: () => clock.now(), journal: journalLater, onChange: () => publish() });
  const pageBlock = createPageBlock({
    dnr: browser.declarativeNetRequest,
    now: () => clock.now(),
    journal: journalLater,
    onStatus: (status) => pageHealth.setNetworkBlock(status),
  });
  const snapshotOptions = (view: GuardView) => ({ clockOffsetMs: offsetOf(view), page: pageHealth.view() });
  const snapshotNow = async () => {
    const view = (await host.ready()).view();
    return buildSnapshot(view, series, snapshotOptions(view));
  };
  const sound = createSoundPlayer({
    // Chrome only; Firefox's event page plays the tone itself with an AudioContext.
    offscreen: (browser as unknown as { offscreen?: OffscreenApi }).offscreen,
    runtime: browser.runtime as unknown as SoundRuntime,
    createAudioContext: typeof AudioContext === 'function' ? () => new AudioContext() : undefined,
  });
  const notifier = createNotifier({
    notifications: browser.notifications,
    now: () => clock.now(),
    sound,
    memory: {
      load: async () => (await browser.storage.session?.get(NOTIFIER_MEMORY_KEY))?.[NOTIFIER_MEMORY_KEY],
      save: async (state) => browser.storage.session?.set({ [NOTIFIER_MEMORY_KEY]: state }),
    },
  });

  // Snapshots are rebuilt at most every 100 ms: a burst of quotes is one repaint.
  let publishArmed = false;
  const publish = () => {
    if (publishArmed) return;
    publishArmed = true;
    setTimeout(() => {
      publishArmed = false;
      void whenReady((guard) => {
        const view = guard.view();
        const snapshot = buildSnapshot(view, series, snapshotOptions(view));
        const prev = publisher.current();
        publisher.publish(snapshot);
        toolbar.show(snapshot);
        void browser.storage.session?.set({ [SNAPSHOT_CACHE_KEY]: snapshot }).catch(() => undefined);
        pageBlock.sync(view.config.page, snapshot);
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
      checkConfig: (config) => browserPatternProblems(browser.declarativeNetRequest, config.page),
      page: pageHealth,
      replay: createReplayJobs({ host, newId: () => globalThis.crypto.randomUUID() }),
    }),
    {
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    },
  );
  router.listen(browser.runtime as unknown as RuntimeServerLike);
  // Install: the settings open at the connection step. Update: nothing pops up (a note for the popup).
  browser.runtime.onInstalled.addListener((details) => {
    void handleInstalled(details, {
      tabs: browser.tabs,
      runtime: browser.runtime,
      storage: browser.storage.local,
      version: browser.runtime.getManifest().version,
      now: () => Date.now(),
    }).catch((error: unknown) =>
      console.error('onInstalled failed', error instanceof Error ? error.message : 'unknown error'),
    );
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    const name = schedulerNameOf(alarm.name);
    if (name) void whenReady((g) => g.onDeadline(name));
    // A start-up that is failing is tried again here once its backoff is over (host.ready()).
    else if (alarm.name === WATCHDOG_ALARM) void whenReady((g) => g.watchdog());
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
          await (await host.storage()).store.put('meta', DEV_CLOCK_KEY, ms, { durability: 'strict' });
          await (await host.ready()).clockChanged();
          publish();
        },
        now: () => clock.now(),
        snapshot: snapshotNow,
        journal: async (filters?: JournalFilters) => (await host.ready()).journal.list(filters),
        view: async () => (await host.ready()).view(),
        latency: () => latency?.records() ?? [],
      },
    });
  }
  return { host, publisher };
}
