/**
 * popup.*: how fast the popup shows real data (issue: "opens in < 100 ms with data"). The
 * guard is connected to the simulator with two accounts; each sample opens the popup in a
 * fresh tab and reads, in the page, the time from navigation start to the first account card
 * (`[data-account]`) being in the DOM. The worker is warm (it answers from memory) — the case
 * the target speaks of; a cold worker is measured by browser.ts (coldStart.*).
 */
import { configureThroughMessages, waitForGuardConnected } from '../../scripts/demo/configure';
import { createDemoClock } from '../../scripts/demo/demo-clock';
import { launchGuardBrowser } from '../../scripts/demo/guard-browser';
import { startDemoSimulator } from '../../scripts/demo/simulator';
import { summarize } from '../../scripts/demo/stats';
import { buildExtensionOnce } from '../e2e/support/build';

const SAMPLES = Number(process.env.RG_BENCH_POPUP_SAMPLES ?? 30);

export async function run(): Promise<Record<string, number>> {
  const extensionDir = await buildExtensionOnce();
  const clock = createDemoClock();
  const sim = await startDemoSimulator(clock.now);
  const browser = await launchGuardBrowser({ extensionDir, headless: true, shotsDir: null, timing: true });
  try {
    await configureThroughMessages(browser, sim, () => {});
    await waitForGuardConnected(browser, sim, sim.demo.accountIds, {
      now: clock.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    const samples: number[] = [];
    /** When the popup's own script began to run (HTML, module loads and evaluation before it). */
    const scriptStarts: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await page.locator('[data-account]').first().waitFor();
      // The popup marks when it first rendered real data; time from its navigation start.
      const marks = await page.evaluate(() => ({
        data: performance.getEntriesByName('rg:first-data')[0]?.startTime ?? -1,
        script: performance.getEntriesByName('rg:popup-script')[0]?.startTime ?? -1,
      }));
      if (marks.data < 0) throw new Error('the popup showed data without its rg:first-data mark');
      samples.push(marks.data);
      scriptStarts.push(marks.script);
      await page.close();
    }
    const s = summarize(samples);
    const script = summarize(scriptStarts);
    return {
      'popup.scriptStartP50Ms': script.p50,
      'popup.scriptStartP99Ms': script.p99,
      'popup.firstDataP50Ms': s.p50,
      'popup.firstDataP99Ms': s.p99,
      'popup.firstDataMaxMs': s.max,
      'popup.samples': samples.length,
    };
  } finally {
    await browser.close();
    await sim.stop();
  }
}
