import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page, Request, Worker } from '@playwright/test';
import type { z } from 'zod';
import {
  type JournalEntryView,
  type JournalFilters,
  ReplyEnvelopeSchema,
  type RequestOf,
  type RequestType,
  type ResponseOf,
  ResponseSchemas,
} from '../../src/messaging/protocol';
import type { GuardSnapshot } from '../../src/messaging/snapshot';
import type { LatencyRecord } from '../../src/worker/latency-trace';
import { launchWithExtension } from '../../tests/e2e/support/chromium';
import { installFakeTopstepX, tradingPageUrl } from '../../tests/e2e/support/fake-topstepx';

/**
 * Chromium with the local-gateway build of the extension, seen the way the demo and the
 * browser benchmark need it:
 *   - `request(type, payload)`: the guard's own message protocol, sent from an extension page
 *     (the popup, open in a tab) exactly as the popup and options page send it;
 *   - `dev`: the local build's dev hook in the service worker (`globalThis.riskGuardDev`):
 *     the fast clock, plus snapshot/journal straight from the worker;
 *   - the fake TopstepX page (tests/e2e/support/fake-topstepx.ts) with what reached its back end;
 *   - screenshots of the popup and of the page (overlay) into the run's folder.
 */

export interface DevHook {
  available(): Promise<boolean>;
  setClockOffsetMs(ms: number): Promise<void>;
  snapshot(): Promise<GuardSnapshot>;
  journal(filters?: JournalFilters): Promise<JournalEntryView[]>;
  /** The worker's latency trace: per enforcement, hub frame → decision → first request. */
  latency(): Promise<LatencyRecord[]>;
}

export interface GuardBrowser {
  readonly context: BrowserContext;
  readonly extensionId: string;
  /** The live service worker (a new one after Chrome stopped and restarted it). */
  worker(timeoutMs?: number): Promise<Worker>;
  request<T extends RequestType>(type: T, payload: Omit<RequestOf<T>, 'type'>): Promise<ResponseOf<T>>;
  snapshot(): Promise<GuardSnapshot>;
  journal(filters?: JournalFilters): Promise<JournalEntryView[]>;
  readonly dev: DevHook;
  openOptions(): Promise<Page>;
  /** The popup, open in a tab (360 px wide); opened once, reused. */
  popup(): Promise<Page>;
  /** The fake TopstepX trading page; opened once, reused. */
  topstepx(): Promise<Page>;
  /** Requests that reached the fake TopstepX back end (userapi.topstepx.com). */
  readonly backendRequests: Request[];
  /** Screenshots of the popup and the page: `<dir>/<NN>-<name>-popup.png`, `...-page.png`. */
  screenshots(name: string): Promise<string[]>;
  /** Closes the popup tab (its snapshot port would wake a stopped worker after ~1 s). */
  closePopup(): Promise<void>;
  /**
   * The service worker through CDP's ServiceWorker domain, on a script-free extension page
   * (manifest.json) so that nothing else wakes the worker. Playwright attached over CDP keeps
   * a worker alive for ever, so Chrome's own idle stop never comes: stop it explicitly.
   */
  readonly workerControl: { stopAll(): Promise<void>; start(): Promise<void> };
  close(): Promise<void>;
}

type RuntimeGlobal = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
type DevGlobal = {
  riskGuardDev?: {
    setClockOffsetMs(ms: number): Promise<void> | void;
    snapshot(): GuardSnapshot | Promise<GuardSnapshot>;
    journal(filters?: JournalFilters): Promise<JournalEntryView[]>;
    latency(): LatencyRecord[];
  };
};

export async function launchGuardBrowser(options: {
  extensionDir: string;
  headless: boolean;
  shotsDir: string | null;
  /**
   * For the benchmarks: the browser as a trader's runs, without Playwright in the network path
   * (default false). The fake TopstepX page is not served: its routes make Playwright pause
   * EVERY request of the browser, the guard's own included, until its Node process lets it go
   * over CDP. And Playwright does not watch the service worker's network (it reports every
   * request and WebSocket frame of the worker otherwise). Measured on the breach loop (30
   * breaches, loopback, 2 loaded cores): the close's trip from fetch to the gateway 6.4-9.0 ms
   * -> 3.3-4.1 ms p50, the hub frame's 1.6-1.9 -> 0.8-1.1 ms. The page is then unavailable.
   */
  timing?: boolean;
}): Promise<GuardBrowser> {
  // Read by Playwright when it attaches to each service worker: set before the launch.
  if (options.timing) process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  const launched = await launchWithExtension(options.extensionDir, { headless: options.headless });
  const { context } = launched;
  const { backendRequests } = options.timing
    ? { backendRequests: [] as Request[] }
    : await installFakeTopstepX(context);
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(first.url()).host;
  const origin = `chrome-extension://${extensionId}/`;
  let popupPage: Page | null = null;
  let tradingPage: Page | null = null;
  let shotNo = 0;

  const worker = async (timeoutMs = 15_000): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(origin));
    if (live) return live;
    return context.waitForEvent('serviceworker', {
      timeout: timeoutMs,
      predicate: (w) => w.url().startsWith(origin),
    });
  };

  const popup = async (): Promise<Page> => {
    if (popupPage && !popupPage.isClosed()) return popupPage;
    const page = await context.newPage();
    await page.setViewportSize({ width: 380, height: 760 });
    await page.goto(`${origin}popup.html`);
    popupPage = page;
    return page;
  };

  const request = async <T extends RequestType>(
    type: T,
    payload: Omit<RequestOf<T>, 'type'>,
  ): Promise<ResponseOf<T>> => {
    const page = await popup();
    const raw = await page.evaluate(
      (message) => (globalThis as unknown as RuntimeGlobal).chrome.runtime.sendMessage(message),
      { ...payload, type } as Record<string, unknown>,
    );
    const envelope = ReplyEnvelopeSchema.safeParse(raw);
    if (!envelope.success) throw new Error(`the guard answered ${type} in an unknown shape: ${JSON.stringify(raw)}`);
    if (!envelope.data.ok) throw new Error(`the guard refused ${type}: ${envelope.data.error.message}`);
    const schema: z.ZodType = ResponseSchemas[type];
    const data = schema.safeParse(envelope.data.data);
    if (!data.success) throw new Error(`the guard's answer to ${type} is malformed: ${data.error.message}`);
    return data.data as ResponseOf<T>;
  };

  const dev: DevHook = {
    async available() {
      const w = await worker();
      return w.evaluate(() => typeof (globalThis as unknown as DevGlobal).riskGuardDev === 'object');
    },
    async setClockOffsetMs(ms) {
      const w = await worker();
      await w.evaluate(async (offset) => {
        const hook = (globalThis as unknown as DevGlobal).riskGuardDev;
        if (!hook) throw new Error('riskGuardDev is missing in the service worker (local build only)');
        await hook.setClockOffsetMs(offset);
      }, ms);
    },
    async snapshot() {
      const w = await worker();
      return w.evaluate(async () => {
        const hook = (globalThis as unknown as DevGlobal).riskGuardDev;
        if (!hook) throw new Error('riskGuardDev is missing in the service worker (local build only)');
        return JSON.parse(JSON.stringify(await hook.snapshot())) as GuardSnapshot;
      });
    },
    async journal(filters) {
      const w = await worker();
      return w.evaluate(async (f) => {
        const hook = (globalThis as unknown as DevGlobal).riskGuardDev;
        if (!hook) throw new Error('riskGuardDev is missing in the service worker (local build only)');
        return JSON.parse(JSON.stringify(await hook.journal(f))) as JournalEntryView[];
      }, filters);
    },
    async latency() {
      const w = await worker();
      return w.evaluate(() => {
        const hook = (globalThis as unknown as DevGlobal).riskGuardDev;
        if (!hook) throw new Error('riskGuardDev is missing in the service worker (local build only)');
        return hook.latency();
      });
    },
  };

  let session: CDPSession | null = null;
  const workerSession = async (): Promise<CDPSession> => {
    if (session) return session;
    const page = await context.newPage();
    await page.goto(`${origin}manifest.json`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    session = cdp;
    return cdp;
  };

  const topstepx = async (): Promise<Page> => {
    if (options.timing) throw new Error('a browser launched for timing has no fake TopstepX page');
    if (tradingPage && !tradingPage.isClosed()) return tradingPage;
    const page = await context.newPage();
    await page.setViewportSize({ width: 1100, height: 700 });
    // The page's account picker lists the guard's accounts, as the real page lists the user's.
    const { accounts } = await request('listAccounts', {});
    await page.goto(tradingPageUrl(accounts));
    tradingPage = page;
    return page;
  };

  return {
    context,
    extensionId,
    worker,
    request,
    snapshot: () => request('getSnapshot', {}),
    journal: async (filters = {}) => (await request('getJournal', { filters })).entries,
    dev,
    async openOptions() {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.goto(`${origin}options.html`);
      return page;
    },
    popup,
    topstepx,
    backendRequests,
    async screenshots(name) {
      if (!options.shotsDir) return [];
      await mkdir(options.shotsDir, { recursive: true });
      shotNo += 1;
      const base = `${String(shotNo).padStart(2, '0')}-${name}`;
      const files: string[] = [];
      const p = await popup();
      // The popup is a live view (snapshot port); give the last push a frame to render.
      await p.waitForTimeout(150);
      const popupFile = path.join(options.shotsDir, `${base}-popup.png`);
      await p.screenshot({ path: popupFile, fullPage: true });
      files.push(popupFile);
      if (tradingPage && !tradingPage.isClosed()) {
        const pageFile = path.join(options.shotsDir, `${base}-page.png`);
        await tradingPage.screenshot({ path: pageFile });
        files.push(pageFile);
      }
      return files;
    },
    async closePopup() {
      if (popupPage && !popupPage.isClosed()) await popupPage.close();
      popupPage = null;
    },
    workerControl: {
      async stopAll() {
        const cdp = await workerSession();
        await cdp.send('ServiceWorker.stopAllWorkers');
      },
      async start() {
        const cdp = await workerSession();
        await cdp.send('ServiceWorker.startWorker', { scopeURL: origin });
      },
    },
    close: () => launched.close(),
  };
}
