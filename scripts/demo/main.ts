/**
 * `npm start`: the main job. Builds the local-gateway extension, starts the gateway simulator,
 * launches Chromium with the extension, configures it through the options page like a user,
 * and plays a scripted trading day, checking every step against the simulator's ledger and
 * the guard's own snapshot and journal. Exit 0 only if every step happened as scripted.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Simulator } from '../../simulator/types';
import { errorMessage } from '../../src/core/error-message';
import { buildExtensionOnce, CHROME_BUILD_DIR, ROOT } from '../../tests/e2e/support/build';
import { defaultOutDir, parseDemoArgs, USAGE } from './args';
import type { DayContext } from './day-context';
import { chicagoTime, createDemoClock, demoDayStart } from './demo-clock';
import { type GuardBrowser, launchGuardBrowser } from './guard-browser';
import { frontContract, startDemoSimulator } from './simulator';
import { runSteps, summaryLines } from './step-runner';
import { createTimeline, formatDuration } from './timeline';
import { tradingDaySteps } from './trading-day';

const RULES = { dailyLossLimit: 500, maxContracts: 5 };
/** The whole run, build excluded, must fit in this (the steps take well under a minute). */
const RUN_LIMIT_MS = 180_000;

async function main(): Promise<number> {
  let args: ReturnType<typeof parseDemoArgs>;
  try {
    args = parseDemoArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(errorMessage(error));
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = path.resolve(ROOT, args.outDir ?? defaultOutDir(new Date()));
  await mkdir(outDir, { recursive: true });
  console.log('TopstepX Risk Guard: a scripted trading day against the gateway simulator\n');
  if (args.headedFallback) console.log(`note: --headed asked, but ${args.headedFallback}\n`);
  if (args.skipBuild) process.env.RG_E2E_PREBUILT = '1';
  const buildStarted = performance.now();
  await buildExtensionOnce();
  console.log(
    `\nextension: ${path.relative(ROOT, CHROME_BUILD_DIR)} (${formatDuration(performance.now() - buildStarted)})`,
  );

  const timeline = createTimeline({ now: () => performance.now(), write: (s) => console.log(s) });
  const clock = createDemoClock();
  let browser: GuardBrowser | null = null;
  let sim: Simulator | null = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await sim?.stop().catch(() => {});
  };
  process.once('SIGINT', () => {
    void cleanup().then(() => process.exit(130));
  });
  const overrun = setTimeout(() => {
    console.error(`\nDEMO FAILED: still running after ${formatDuration(RUN_LIMIT_MS)}`);
    void cleanup().then(() => process.exit(1));
  }, RUN_LIMIT_MS);
  try {
    browser = await launchGuardBrowser({ extensionDir: CHROME_BUILD_DIR, headless: !args.headed, shotsDir: outDir });
    timeline.info(`Chromium ${args.headed ? 'headed' : 'headless'}, extension ${browser.extensionId}`);
    const devClock = await browser.dev.available().catch(() => false);
    if (devClock) {
      const { startAt } = demoDayStart(Date.now());
      clock.setOffsetMs(startAt - clock.now());
      await browser.dev.setClockOffsetMs(clock.offsetMs());
      timeline.info(`fast clock: the day starts at ${chicagoTime(clock.now())} (simulator and extension)`);
    } else {
      timeline.info(
        '! no dev hook (globalThis.riskGuardDev) in the service worker: real time; the 17:00 reset step cannot run',
      );
    }
    sim = await startDemoSimulator(clock.now, { history: true });
    const [a, b] = sim.demo.accountIds;
    if (a === undefined || b === undefined) throw new Error('the simulator has no two demo accounts');
    timeline.info(`simulator ${sim.restUrl}: user ${sim.demo.userName}, accounts ${a} (50K) and ${b} (150K)`);
    const ctx: DayContext = {
      sim,
      browser,
      clock,
      timeline,
      wait: { now: clock.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      rules: RULES,
      a,
      b,
      es: frontContract(sim, 'EP'),
      devClock,
      outDir,
    };
    const report = await runSteps(tradingDaySteps(ctx), { ...ctx.wait, now: () => performance.now(), timeline });
    if (!report.ok) {
      for (const f of await browser.screenshots('failure').catch(() => [])) timeline.shot(f);
    }
    console.log('');
    for (const line of summaryLines(report)) timeline.summary(line);
    timeline.summary(`screenshots and timeline.txt: ${path.relative(process.cwd(), outDir) || outDir}`);
    await writeFile(path.join(outDir, 'timeline.txt'), `${timeline.text()}\n`);
    return report.ok ? 0 : 1;
  } catch (error) {
    timeline.fail(`demo could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await writeFile(path.join(outDir, 'timeline.txt'), `${timeline.text()}\n`).catch(() => {});
    return 1;
  } finally {
    clearTimeout(overrun);
    await cleanup();
  }
}

process.exit(await main());
