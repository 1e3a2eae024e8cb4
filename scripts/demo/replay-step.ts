import path from 'node:path';
import type { Page } from '@playwright/test';
import { type DayContext, until } from './day-context';
import { chicagoTime } from './demo-clock';
import { type DemoStep, failCheck } from './step-runner';
import { formatDuration } from './timeline';

/**
 * The last step: "would the $500 daily limit have helped me last month?" The simulator holds a
 * seeded month of the 50K account's past trading (simulator/history); the trader opens the
 * options page's replay, picks that account and the last 20 trading days with the settings in
 * force, and reads the answer. The replayed days include the scripted day just played, so the
 * replay must find the same daily-limit breach the live guard acted on.
 */
const ANSWER_WITHIN_MS = 60_000;

/** What the trader reads there: cells apart, spaces folded. */
async function text(page: Page, testId: string): Promise<string> {
  const el = page.getByTestId(testId);
  const cells = await el.locator('th, td').allTextContents();
  const items = cells.length > 0 ? cells : await el.locator('li').allTextContents();
  const words = items.length > 0 ? items.filter(Boolean).join(cells.length > 0 ? ' | ' : ' ') : await el.textContent();
  return (words ?? '').replace(/\s+/g, ' ').trim();
}

export function replayStep(ctx: DayContext): DemoStep {
  return {
    title: 'Would the $500 daily limit have helped last month? The trader replays the last 20 trading days',
    timeoutMs: 90_000,
    async run() {
      const { browser, timeline, a, b } = ctx;
      const started = performance.now();
      const page = await browser.openOptions();
      const section = page.getByTestId('replay-section');
      await section.scrollIntoViewIfNeeded();
      const accounts = section.locator('fieldset input[type="checkbox"]');
      await until(ctx, {
        expected: 'both accounts offered in the replay section',
        timeoutMs: 10_000,
        probe: async () => ({ ok: (await accounts.count()) === 2, seen: `${await accounts.count()} account(s)` }),
      });
      await section.locator(`input[data-account="${b}"]`).uncheck();
      await section.getByLabel('Range').selectOption('last-20');
      await section.getByLabel('Settings').selectOption('saved');
      timeline.info(`options page: replay account ${a} (not ${b}), last 20 trading days, the settings in force`);
      await section.getByRole('button', { name: 'Replay' }).click();
      const clicked = performance.now();
      await until(ctx, {
        expected: `the replay's answer within ${formatDuration(ANSWER_WITHIN_MS)}`,
        timeoutMs: ANSWER_WITHIN_MS,
        intervalMs: 100,
        probe: async () => {
          if ((await section.getByTestId('replay-result').count()) > 0) return { ok: true, seen: 'result' };
          const progress = await section
            .getByTestId('replay-progress')
            .textContent()
            .catch(() => null);
          return { ok: false, seen: progress ?? 'nothing shown yet' };
        },
      });
      const answerMs = performance.now() - clicked;
      timeline.pass(
        `answer in ${formatDuration(answerMs)} after the click (${formatDuration(performance.now() - started)} from opening the page)`,
      );
      timeline.guard(((await section.getByTestId('replay-headline').locator('strong').textContent()) ?? '').trim());
      for (const id of ['replay-worst', 'replay-drawdown']) timeline.detail(await text(page, id));
      timeline.detail(await text(page, 'replay-days-summary'));
      const rule = section.locator('[data-rule="dailyRealizedLoss"]');
      if ((await rule.getAttribute('data-status')) !== 'replayable') {
        failCheck('dailyRealizedLoss listed as replayable', (await rule.textContent()) ?? 'not listed');
      }
      // The scripted day (the last replayed) breached the limit live; the replay must find it too.
      if (ctx.devClock) {
        const days = section.getByTestId('replay-days').locator('tbody tr');
        const today = days.last();
        const row = (await today.locator('td').allTextContents()).join(' | ').replace(/\s+/g, ' ');
        if (!row.includes('dailyRealizedLoss')) {
          failCheck('the scripted day replayed with the same daily-limit breach the live guard acted on', row);
        }
        timeline.pass(`the scripted day replays with the live breach: ${row.slice(0, 140)}…`);
      }
      await shot(ctx, page);
      timeline.info(`replay shown at ${chicagoTime(ctx.clock.now())}`);
    },
  };
}

/** The section (headline, before/after, curve) for the README, and the whole section for the run. */
async function shot(ctx: DayContext, page: Page): Promise<void> {
  if (!ctx.outDir) return;
  const section = page.getByTestId('replay-section');
  const full = path.join(ctx.outDir, 'replay-section.png');
  await section.screenshot({ path: full });
  ctx.timeline.shot(full);
  const top = await section.boundingBox();
  const curve = await page.getByTestId('replay-curve').boundingBox();
  if (!top || !curve) return;
  // Boxes are relative to the viewport; a full-page clip is relative to the page.
  const scrollY = await page.evaluate(() => window.scrollY);
  const summary = path.join(ctx.outDir, 'replay.png');
  await page.screenshot({
    path: summary,
    fullPage: true,
    clip: { x: top.x, y: top.y + scrollY, width: top.width, height: curve.y + curve.height + 36 - top.y },
  });
  ctx.timeline.shot(summary);
}
