import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Worker } from '@playwright/test';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { OrderSide, OrderType } from '../../src/core/gateway/enums';
import { parseConfig } from '../../src/core/rules/config/config-schema';
import { CHROME_BUILD_DIR } from './support/build';
import { launchWithExtension } from './support/chromium';
import { loseOnOneContract, micro } from './support/guard-setup';
import { readToolbar, rgba } from './support/toolbar';
import {
  dumpIndexedDb,
  guardHolding,
  type IndexedDbDump,
  journalEntries,
  openSealedCredentials,
  PREVIOUS_RELEASE_BUILD,
  previousRelease,
  unfinishedEnforcements,
} from './support/update';

/**
 * An automatic update in the middle of a trading day. The previous release's build (a
 * committed fixture, see tests/e2e/fixtures/previous-release/README.md) is installed and used:
 * connected, an account breached and locked, a limit loosened (held back by the commitment
 * lock). Then its files are replaced by the current build IN THE SAME FOLDER (the unpacked
 * extension's id follows its path, so the profile's data stays the extension's) and the
 * extension reloads the way an update does: the old worker dies, the new code starts,
 * onInstalled says 'update'. Everything must still be there and still enforced.
 */

let sim: Simulator;
test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

/** A stored config as this version loads it (config-schema's parseConfig migrates, then fills defaults). */
function asThisVersionReads(config: unknown): unknown {
  const parsed = parseConfig(config);
  if (!parsed.ok) throw new Error(`the previous release's config does not parse: ${JSON.stringify(parsed.problems)}`);
  return JSON.parse(JSON.stringify(parsed.config));
}

const dailyLoss = (config: unknown) => {
  const rule = (config as { defaultProfile: { rules: { dailyRealizedLoss: { mode: string; limit: number } } } })
    .defaultProfile.rules.dailyRealizedLoss;
  return { mode: rule.mode, limit: rule.limit };
};

const version = (dir: string) =>
  (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { version: string }).version;

test('an update keeps the lockout and its end, the pending loosening, the key, the intents and the journal, and still enforces', async () => {
  test.setTimeout(120_000);
  const previous = version(PREVIOUS_RELEASE_BUILD);
  const current = version(CHROME_BUILD_DIR);
  expect(previous).not.toBe(current);

  const extensionDir = test.info().outputPath('extension');
  cpSync(PREVIOUS_RELEASE_BUILD, extensionDir, { recursive: true });
  const profile = test.info().outputPath('profile');
  // Chromium re-reads an unpacked extension on runtime.reload() only in developer mode (without
  // it the reloaded extension is disabled): the profile starts with developer mode on.
  mkdirSync(path.join(profile, 'Default'), { recursive: true });
  writeFileSync(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { ui: { developer_mode: true } } }),
  );
  const browser = await launchWithExtension(extensionDir, { userDataDir: profile });
  try {
    const { context } = browser;
    const oldWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(oldWorker.url()).host;
    const accountId = sim.demo.accountIds[0] as number;

    // ── The previous release at work: connect, lock, loosen. ──
    expect((await guardHolding(oldWorker)).version).toBe(previous);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await previousRelease.connect(options, sim);
    await previousRelease.setDailyLoss(options, 100, /saved|in force/i);
    await expect.poll(async () => (await guardHolding(oldWorker)).userHub, { timeout: 10_000 }).toBe('connected');
    loseOnOneContract(sim, accountId);
    await expect.poll(async () => (await guardHolding(oldWorker)).lockouts.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 10_000 }).toBe(0);
    // A looser limit during the day waits for the reset (commitment lock).
    await previousRelease.setDailyLoss(options, 500, /wait for the next reset/i);
    const before = await guardHolding(oldWorker);
    expect(before.pending).not.toBeNull();
    // The ledger is flat as soon as the close fills, but the previous release's enforcement is
    // done only once it has settled, re-read REST and deleted its `enforcement:` record: until
    // then an update may (rightly) find it unfinished and finish it, and the record would be
    // gone after the update for a good reason. The snapshot waits for the previous release to
    // be at rest, so that every record it holds must come through the update untouched.
    let storedBefore: IndexedDbDump = {};
    await expect
      .poll(
        async () => {
          storedBefore = await dumpIndexedDb(oldWorker);
          return unfinishedEnforcements(storedBefore);
        },
        { timeout: 10_000, message: "the previous release's enforcement never converged" },
      )
      .toEqual([]);
    expect(
      journalEntries(storedBefore).some(
        (e) => e.kind === 'enforcement' && e.accountId === accountId && e.message.startsWith('Converged: flat'),
      ),
      "the previous release's journal says its flatten converged",
    ).toBe(true);
    const intentsBefore = storedBefore['risk-guard/intents'] ?? {};
    const journalBefore = storedBefore['risk-guard/journal'] ?? {};
    expect(Object.keys(intentsBefore).length).toBeGreaterThan(0);
    expect(Object.keys(journalBefore).length).toBeGreaterThan(0);
    const loginsBefore = sim.requests.list('/api/Auth/loginKey').length;

    // ── The update: new files in the same folder, the extension reloads as an update does. ──
    rmSync(extensionDir, { recursive: true, force: true });
    cpSync(CHROME_BUILD_DIR, extensionDir, { recursive: true });
    const origin = `chrome-extension://${extensionId}/`;
    const nextWorker = context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(origin) });
    await oldWorker.evaluate(() => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime;
      setTimeout(() => runtime.reload(), 0);
    });
    const worker: Worker = await nextWorker;
    await expect
      .poll(
        () =>
          guardHolding(worker)
            .then((h) => h.version)
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe(current);

    // The key is still there, encrypted, and used: the guard connects without asking for it.
    await expect.poll(async () => (await guardHolding(worker)).userHub, { timeout: 15_000 }).toBe('connected');
    const after = await guardHolding(worker);
    expect(after.credentials).toEqual(before.credentials);
    expect(after.token).toBe('valid');
    // The lockout, to the millisecond of its end; the config in force and the pending loosening:
    // the trader's own settings as they were, read the way this version reads a stored config
    // (an earlier shape migrated, settings new in this version at their defaults).
    expect(after.lockouts).toEqual(before.lockouts);
    expect(after.config).toEqual(asThisVersionReads(before.config));
    expect(dailyLoss(after.config)).toEqual({ mode: 'enforce', limit: 100 });
    const pendingBefore = before.pending as { effectiveAt: number; changes: unknown; config: unknown };
    expect(after.pending).toEqual({ ...pendingBefore, config: asThisVersionReads(pendingBefore.config) });
    expect(dailyLoss((after.pending as { config: unknown }).config)).toEqual({ mode: 'enforce', limit: 500 });

    const storedAfter = await dumpIndexedDb(worker);
    const secrets = (s: typeof storedAfter) => s['risk-guard/secrets'] ?? {};
    // The vault key is the very same record; the sealed API key is the same key, now bound to
    // its gateway (0.1.0 sealed it unbound): opened with the vault key inside the worker.
    expect(secrets(storedAfter)['vault-key']).toBe(secrets(storedBefore)['vault-key']);
    const sealedBefore = secrets(storedBefore)['secret:api-credentials'];
    const sealedAfter = secrets(storedAfter)['secret:api-credentials'];
    if (!sealedBefore || !sealedAfter) throw new Error('no sealed API key before or after the update');
    expect(await openSealedCredentials(worker, sealedBefore, sealedAfter)).toEqual({
      sameKey: true,
      userName: sim.demo.userName,
      boundBefore: false,
      boundAfter: true,
    });
    expect(storedAfter['risk-guard/lockouts']).toEqual(storedBefore['risk-guard/lockouts']);
    expect(storedAfter['risk-guard/config']).toEqual(storedBefore['risk-guard/config']);
    // Every intent and every journal entry the previous release wrote is still there as written.
    const intentsAfter = storedAfter['risk-guard/intents'] ?? {};
    for (const [id, record] of Object.entries(intentsBefore)) {
      expect(intentsAfter[id], `intent ${id}`).toBeDefined();
      if ((JSON.parse(record) as { state: string }).state === 'resolved') expect(intentsAfter[id]).toBe(record);
    }
    const journalAfter = storedAfter['risk-guard/journal'] ?? {};
    for (const [seq, entry] of Object.entries(journalBefore)) expect(journalAfter[seq], `journal #${seq}`).toBe(entry);

    // Nothing popped up: no setup page (that is for a fresh install); the popup notes the update once.
    expect(context.pages().filter((p) => p.url().includes('#setup'))).toEqual([]);
    const popup = await context.newPage();
    await popup.goto(`${origin}popup.html`);
    await expect(popup.getByTestId('update-note')).toContainText(`Updated to ${current} (from ${previous})`);
    await expect(popup.getByTestId('lockout')).toBeVisible();
    await expect.poll(async () => (await readToolbar(worker)).color, { timeout: 10_000 }).toEqual(rgba('#c62828'));

    // And it is enforced: a position the trader opens now is closed, once.
    sim.trader.placeOrder(accountId, { contractId: micro(sim), type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 10_000 }).toBe(0);
    expect(sim.ledger.overCloses()).toEqual([]);
    console.log(
      `update ${previous} → ${current}: ${Object.keys(intentsBefore).length} intents, ` +
        `${Object.keys(journalBefore).length} journal entries kept; sign-ins ${loginsBefore} → ${sim.requests.list('/api/Auth/loginKey').length}`,
    );
  } finally {
    await browser.close();
  }
});
