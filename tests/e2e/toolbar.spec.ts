import type { Worker } from '@playwright/test';
import type { GuardSnapshot } from '../../src/messaging/snapshot';
import { timeLeft } from '../../src/platform/toolbar-badge';
import { startSimulator } from '../sim/index';
import type { Simulator } from '../sim/types';
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
