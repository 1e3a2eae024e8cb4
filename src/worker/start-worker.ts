import type { browser as wxtBrowser } from 'wxt/browser';
import { systemTimers } from '../core/ports';
import { createMessageRouter } from '../messaging/router';
import type { RuntimeServerLike } from '../messaging/runtime-types';
import { createAlarmScheduler } from './alarm-scheduler';
import { browserGuardDeps } from './browser-guard-deps';
import { createOffsetClock } from './clock-offset';
import { installDevHooks } from './dev-hooks';
import { createGuardAccess } from './guard-access';
import { createGuardHost } from './guard-host';
import { createHandlers } from './handlers';
import { listenInstalled } from './installed';
import { createLatencyTrace } from './latency-trace';
import { listenAlarms } from './listen-alarms';
import { createNotifier } from './notifications/notifier';
import { sessionMemory } from './notifications/session-memory';
import { createStorageOpener } from './open-storage';
import { createPageBlock } from './page/page-block';
import { createPageHealth } from './page/page-health';
import { browserPatternProblems } from './page/pattern-check';
import { createReplayJobs } from './replay-jobs';
import { createPnlSeries } from './snapshot/pnl-series';
import { createSnapshotPublisher } from './snapshot/snapshot-publisher';
import { createSnapshotPump } from './snapshot/snapshot-pump';
import { createSoundPlayer, type OffscreenApi, type SoundRuntime } from './sound/sound-player';
import { createStartupAlert } from './startup-alert';
import { createStartupReport } from './startup-report';
import { createToolbar } from './toolbar/toolbar';

export { WATCHDOG_ALARM } from './listen-alarms';

const NOTIFIER_MEMORY_KEY = 'notifier-memory';

/**
 * The service worker: wiring only, in dependency order. Every listener is registered
 * synchronously, before any await, so an event that woke the worker is not lost; the
 * handlers wait for the guard to load (guard-access.ts).
 *
 *   chrome.alarms ─────────▶ listen-alarms ─▶ guard.onDeadline / guard.watchdog
 *   views' messages ───────▶ router (sender policy, zod) ─▶ handlers ─▶ guard host ─▶ guard
 *   runtime.onInstalled ───▶ installed (open the settings / note the update)
 *                                               guard (src/core/guard/create-guard.ts)
 *                                                 │ changed, decided
 *   page health (content script, network block) ──┤
 *                                                 ▼
 *                          snapshot pump ─▶ publisher (popup, options, overlay), toolbar,
 *                                           session cache, network block, notifier
 *   start-up (startup.ts, in the host) ─▶ startup report ─▶ notification, toolbar "!"
 */
export function startWorker(browser: typeof wxtBrowser, options: { localBuild: boolean }) {
  const { localBuild } = options;
  const session = browser.storage.session;
  // The worker's clock and the guard's ports.
  const clock = createOffsetClock();
  // Local builds only: where the time goes between a breach and its first request (benchmarks).
  const latency = localBuild ? createLatencyTrace() : null;
  const series = createPnlSeries();
  const publisher = createSnapshotPublisher();
  const toolbar = createToolbar({ action: browser.action, now: () => Date.now(), timers: systemTimers });
  const startupAlert = createStartupAlert({ notifications: browser.notifications, session });
  // Deadlines fire as alarms; `access` is read late (the host is built with the scheduler).
  const scheduler = createAlarmScheduler({
    alarms: browser.alarms,
    clock,
    onFire: (name) => void access.whenReady((g) => g.onDeadline(name)),
  });

  // The guard host: storage, start-up with retries, one guard per gateway.
  const host = createGuardHost({
    openStorage: createStorageOpener({ indexedDB: globalThis.indexedDB, clock, localBuild }),
    onStartup: createStartupReport({ alert: startupAlert, toolbar, cache: session }),
    // Store builds hold the simulator's host permission only once the trader granted it; local
    // builds require it in the manifest (and Firefox may still report it as not granted there).
    ...(localBuild ? {} : { hasHostPermission: (origins) => browser.permissions.contains({ origins }) }),
    depsFor: browserGuardDeps({ clock, scheduler, latency }),
  });
  const access = createGuardAccess(host);

  // The page: what the content script sees, and the network block; both redraw the views.
  const pageHealth = createPageHealth({
    now: () => clock.now(),
    journal: access.journalLater,
    onChange: () => pump.publish(),
  });
  const pageBlock = createPageBlock({
    dnr: browser.declarativeNetRequest,
    now: () => clock.now(),
    journal: access.journalLater,
    onStatus: pageHealth.setNetworkBlock,
  });

  // Notifications, with a tone (Chrome: an offscreen document; Firefox's event page plays it itself).
  const sound = createSoundPlayer({
    offscreen: (browser as unknown as { offscreen?: OffscreenApi }).offscreen,
    runtime: browser.runtime as unknown as SoundRuntime,
    createAudioContext: typeof AudioContext === 'function' ? () => new AudioContext() : undefined,
  });
  const notifier = createNotifier({
    notifications: browser.notifications,
    now: () => clock.now(),
    sound,
    memory: sessionMemory(session, NOTIFIER_MEMORY_KEY),
  });

  // The guard's news out to everything that shows it.
  const pump = createSnapshotPump({
    host,
    access,
    series,
    pageHealth,
    publisher,
    toolbar,
    cache: session,
    pageBlock,
    notifier,
  });

  // Listeners, registered before any await.
  const router = createMessageRouter(
    createHandlers({
      host,
      publisher,
      snapshot: pump.now,
      now: () => clock.now(),
      checkConfig: (config) => browserPatternProblems(browser.declarativeNetRequest, config.page),
      page: pageHealth,
      replay: createReplayJobs({ host, newId: () => globalThis.crypto.randomUUID() }),
    }),
    { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, '') },
  );
  router.listen(browser.runtime as unknown as RuntimeServerLike);
  // Install: the settings open at the connection step. Update: nothing pops up (a note for the popup).
  listenInstalled(browser.runtime.onInstalled, {
    tabs: browser.tabs,
    runtime: browser.runtime,
    storage: browser.storage.local,
    version: browser.runtime.getManifest().version,
    now: () => Date.now(),
  });
  listenAlarms(browser.alarms, access);

  if (localBuild) installDevHooks({ getURL: (path) => browser.runtime.getURL(path), host, clock, pump, latency });
  return { host, publisher };
}
