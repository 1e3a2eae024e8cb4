import type { Worker } from '@playwright/test';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { IDB_SCHEMA_VERSION } from '../../src/core/storage/idb-migrations';
import type { GuardSnapshot } from '../../src/messaging/snapshot';
import { timeLeft } from '../../src/worker/toolbar/toolbar-badge';
import { expect, test } from './fixtures';
import { createWorkerProbe } from './support/cdp-worker';
import { connectThroughOptions, enforceDailyLossThroughOptions, loseOnOneContract } from './support/guard-setup';
import { blankToolbar, readToolbar, rgba } from './support/toolbar';

/**
 * The toolbar in Chromium, read back with chrome.action.get*: grey "?" before a key is stored,
 * no badge once connected and calm, red with the time left once locked — and drawn again by a
 * restarted worker from the stored lockout after the browser has forgotten it.
 */

let sim: Simulator;
test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

const guardSnapshot = (worker: Worker) =>
  worker.evaluate(() =>
    (globalThis as unknown as { riskGuardDev: { snapshot(): Promise<GuardSnapshot> } }).riskGuardDev.snapshot(),
  );

/** The badge texts the countdown to `endsAt` may show within a minute either side of now. */
function countdownTexts(endsAt: number): string[] {
  const now = Date.now();
  return [...new Set([-60_000, 0, 60_000].map((d) => timeLeft(endsAt, now + d).text))];
}

test('the toolbar tells not connected, all fine and locked with the time left, and a restarted worker draws it again', async ({
  context,
  serviceWorker,
  extensionId,
  openOptions,
  openPopup,
}) => {
  // A fresh install: no API key yet.
  await expect
    .poll(() => readToolbar(serviceWorker))
    .toEqual({
      text: '?',
      color: rgba('#5f6368'),
      title: 'Risk Guard: not connected: add your TopstepX API key in Options',
    });

  const options = await openOptions();
  await connectThroughOptions(options, sim);
  await enforceDailyLossThroughOptions(options, 100);
  const accountId = sim.demo.accountIds[0] as number;
  await expect.poll(async () => (await readToolbar(serviceWorker)).text, { timeout: 10_000 }).toBe('');
  const calm = await readToolbar(serviceWorker);
  expect(calm.title.split('\n')[0]).toBe('Risk Guard: all accounts within their limits');

  loseOnOneContract(sim, accountId);
  await expect.poll(async () => (await readToolbar(serviceWorker)).color, { timeout: 10_000 }).toEqual(rgba('#c62828'));
  const snap = await guardSnapshot(serviceWorker);
  const locked = snap.accounts.find((a) => a.id === accountId);
  const endsAt = locked?.lockouts[0]?.endsAt;
  if (typeof endsAt !== 'number') throw new Error('the account has no timed lockout');
  const shown = await readToolbar(serviceWorker);
  expect(countdownTexts(endsAt)).toContain(shown.text);
  expect(shown.text).toMatch(/^\d+[mhd]$/);
  expect(shown.title).toContain(`${locked?.name}: Locked until 17:00 CT`);

  // The browser forgets the badge (as at a browser restart) while the worker is stopped; the
  // next worker draws it again from the lockout it loads from IndexedDB.
  const probe = await createWorkerProbe(context, extensionId);
  try {
    const stoppedAt = await probe.stop();
    await blankToolbar(options);
    expect(await readToolbar(options)).toEqual({ text: '', color: [0, 0, 0, 255], title: 'blank' });
    const popup = await openPopup(); // wakes the worker
    await probe.waitFor('running', { since: stoppedAt, timeoutMs: 10_000 });
    await expect
      .poll(() => readToolbar(serviceWorker), { timeout: 10_000 })
      .toMatchObject({ text: expect.stringMatching(/^\d+[mhd]$/), color: rgba('#c62828') });
    const redrawn = await readToolbar(serviceWorker);
    expect(countdownTexts(endsAt)).toContain(redrawn.text);
    expect(redrawn.title).toContain(`${locked?.name}: Locked until 17:00 CT`);
    await popup.close();
  } finally {
    await probe.close();
  }
});

test('a database written by a newer version: the worker refuses it, red ! with the reason, and nothing in it is touched', async ({
  context,
  serviceWorker,
  extensionId,
  openOptions,
  openPopup,
}) => {
  const options = await openOptions();
  const probe = await createWorkerProbe(context, extensionId);
  try {
    const stoppedAt = await probe.stop();
    // While the worker is down, a "newer version" takes the database to schema 1000 and writes to it.
    await options.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('risk-guard', 1000);
          open.onupgradeneeded = () => {
            open.result.createObjectStore('from-the-future');
            open.transaction?.objectStore('config').put({ written: 'by the newer version' }, 'future-key');
          };
          open.onsuccess = () => {
            open.result.close();
            resolve();
          };
          open.onerror = () => reject(open.error);
        }),
    );
    const popup = await openPopup(); // wakes the worker: this older build meets the newer database
    await probe.waitFor('running', { since: stoppedAt, timeoutMs: 10_000 });
    await expect.poll(async () => (await readToolbar(serviceWorker)).text, { timeout: 10_000 }).toBe('!');
    const shown = await readToolbar(serviceWorker);
    expect(shown.color).toEqual(rgba('#c62828'));
    expect(shown.title).toBe(
      `Risk Guard cannot start: NewerDatabaseError: data from a newer Risk Guard (schema 1000; this version reads ${IDB_SCHEMA_VERSION}): ` +
        'nothing changed, install the newer version (attempt 1; it keeps trying)',
    );
    // The popup says why too, instead of painting the last snapshot of a guard that no longer runs.
    await expect(popup.getByTestId('guard-error')).toContainText(
      'The guard could not start (attempt 1: NewerDatabaseError: data from a newer Risk Guard (schema 1000',
    );
    // Never wiped: the newer version's store and record are as it left them.
    const kept = await options.evaluate(
      () =>
        new Promise<{ version: number; stores: string[]; record: unknown }>((resolve, reject) => {
          const open = indexedDB.open('risk-guard');
          open.onsuccess = () => {
            const db = open.result;
            const get = db.transaction('config').objectStore('config').get('future-key');
            get.onsuccess = () => {
              resolve({ version: db.version, stores: Array.from(db.objectStoreNames), record: get.result });
              db.close();
            };
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(kept.version).toBe(1000);
    expect(kept.stores).toContain('from-the-future');
    expect(kept.record).toEqual({ written: 'by the newer version' });
  } finally {
    await probe.close();
  }
});
