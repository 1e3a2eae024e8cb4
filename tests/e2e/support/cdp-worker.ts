import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/**
 * Stops and watches the extension's service worker through the Chrome DevTools Protocol.
 *
 * Why this exists: Playwright attaches to every service worker over CDP, and an attached
 * DevTools client keeps a worker alive for ever, so Chromium's own 30 s idle stop never
 * happens under Playwright. The tests stop it themselves, the way Chrome would.
 *
 * What works with Debian's Chromium 156 and a persistent context (measured):
 * - `browser.newBrowserCDPSession()` is not available for `launchPersistentContext`, but a
 *   page-level session is: `context.newCDPSession(page)` on an `about:blank` page.
 * - On that session, `ServiceWorker.enable` streams `ServiceWorker.workerVersionUpdated`
 *   (every version with its `runningStatus`: starting → running → stopping → stopped).
 * - `ServiceWorker.stopWorker({ versionId })` stops exactly the extension's worker even
 *   though Playwright is attached to it (`ServiceWorker.stopAllWorkers` also works but stops
 *   every worker of the profile). The worker's JS realm is gone (globals reset), its
 *   WebSockets close, and it stays `stopped` until an event wakes it: an alarm, a message
 *   from an extension page, a page load of `chrome-extension://ID/...`.
 * - Playwright's `Worker` object for the extension survives the stop: once the worker runs
 *   again, `worker.evaluate()` runs in the new realm. Never evaluate while it is stopped.
 */
export type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

export interface StatusChange {
  status: RunningStatus;
  at: number; // Date.now() when CDP reported it
}

export interface WorkerProbe {
  /** Latest running status of the extension's worker. */
  status(): RunningStatus | null;
  /** Every status change seen, oldest first. */
  history(): StatusChange[];
  /** `ServiceWorker.stopWorker` on the extension's worker, resolved once it reports `stopped`. */
  stop(timeoutMs?: number): Promise<number>;
  /** Resolves with the Date.now() of the first change to `status` at or after `since`. */
  waitFor(status: RunningStatus, options?: { since?: number; timeoutMs?: number }): Promise<number>;
  close(): Promise<void>;
}

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: RunningStatus;
}

export async function createWorkerProbe(context: BrowserContext, extensionId: string): Promise<WorkerProbe> {
  const page: Page = await context.newPage();
  await page.goto('about:blank');
  const session: CDPSession = await context.newCDPSession(page);
  const origin = `chrome-extension://${extensionId}/`;
  let versionId: string | null = null;
  let current: RunningStatus | null = null;
  const changes: StatusChange[] = [];
  const waiters = new Set<() => void>();

  session.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
    for (const v of event.versions) {
      if (!v.scriptURL.startsWith(origin)) continue;
      versionId = v.versionId;
      if (v.runningStatus !== current) {
        current = v.runningStatus;
        changes.push({ status: v.runningStatus, at: Date.now() });
        for (const w of waiters) w();
      }
    }
  });
  await session.send('ServiceWorker.enable');

  const waitFor: WorkerProbe['waitFor'] = (status, { since = 0, timeoutMs = 10_000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = changes.find((c) => c.status === status && c.at >= since);
        if (!hit) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit.at);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`service worker not ${status} within ${timeoutMs} ms; seen: ${JSON.stringify(changes)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  await waitFor('running');
  return {
    status: () => current,
    history: () => [...changes],
    async stop(timeoutMs = 10_000) {
      if (!versionId) throw new Error('the extension has no service worker version');
      const since = Date.now();
      await session.send('ServiceWorker.stopWorker', { versionId });
      return waitFor('stopped', { since, timeoutMs });
    },
    waitFor,
    async close() {
      await session.detach().catch(() => undefined);
      await page.close().catch(() => undefined);
    },
  };
}
