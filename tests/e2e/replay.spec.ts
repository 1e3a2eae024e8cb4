import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { expect, test } from './fixtures';
import { connectThroughOptions, setRuleThroughOptions } from './support/guard-setup';

/**
 * "Would a $500 daily limit have helped me last month?" from the options page: the simulator
 * has a seeded month of past trading; the trader sets the limit in the rule editor WITHOUT
 * saving, replays the last 20 trading days, reads the answer and downloads the table.
 */
let sim: Simulator;

test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000, seed: 7, history: { tradingDays: 22 } });
});
test.afterEach(async () => {
  await sim.stop();
});

test('a trader replays a $500 daily limit over the last 20 trading days, unsaved, in under a minute', async ({
  openOptions,
}) => {
  const options = await openOptions();
  await connectThroughOptions(options, sim);
  await options.reload();
  const started = Date.now();
  await setRuleThroughOptions(options, 'dailyRealizedLoss', 'enforce', { 'Loss limit': '500' });
  const replay = options.getByTestId('replay-section');
  await expect(replay.locator('fieldset input[type="checkbox"]:checked')).toHaveCount(sim.demo.accountIds.length);
  await replay.getByLabel('Range').selectOption('last-20');
  await expect(replay.getByLabel('Settings')).toHaveValue('draft');
  await replay.getByRole('button', { name: 'Replay' }).click();

  await expect(replay.getByTestId('replay-result')).toBeVisible({ timeout: 45_000 });
  expect(Date.now() - started).toBeLessThan(60_000);
  await expect(replay.getByTestId('replay-headline')).toContainText(
    /Over 20 trading days .*: as traded .* with these rules .*(saved|cost|no difference)/,
  );
  const rules = replay.getByTestId('replay-rules');
  await expect(rules.locator('[data-rule="dailyRealizedLoss"]')).toHaveAttribute('data-status', 'replayable');
  await expect(rules.locator('[data-rule="tradingPermission"]')).toHaveAttribute('data-status', 'not-replayable');
  // The seeded tilting trader loses more than $500 on some days: the limit locks them.
  const locked = await replay.getByTestId('replay-days').locator('tbody tr', { hasText: 'dailyRealizedLoss' }).count();
  expect(locked).toBeGreaterThan(0);
  await expect(replay.getByTestId('replay-days-summary')).toContainText(/Days locked: \d+ of 20 traded/);
  const curve = replay.getByTestId('replay-curve');
  await expect(curve.locator('polyline')).toHaveCount(2);
  const points = await curve.locator('polyline[data-series="replayed"]').getAttribute('points');
  expect(points?.split(' ')).toHaveLength(21);
  // Nothing was saved: the rule in force is still the default (monitor).
  const saved = await options.evaluate(async () => {
    type Runtime = { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
    const r = (await (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ type: 'getConfig' })) as {
      data: { config: { defaultProfile: { rules: { dailyRealizedLoss: { mode: string } } } } };
    };
    return r.data.config.defaultProfile.rules.dailyRealizedLoss.mode;
  });
  expect(saved).toBe('monitor');

  const download = options.waitForEvent('download');
  await replay.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^risk-guard-replay-.*\.csv$/);
  await replay.screenshot({ path: test.info().outputPath('replay.png') });
});

test('a replay can be cancelled while it reads the history', async ({ openOptions }) => {
  const options = await openOptions();
  await connectThroughOptions(options, sim);
  await options.reload();
  // Slow the history down so there is time to cancel.
  sim.faults.add({
    target: { kind: 'rest', endpoint: '/api/Trade/search' },
    effect: { type: 'latency', ms: 1500 },
    schedule: { type: 'always' },
  });
  const replay = options.getByTestId('replay-section');
  await replay.getByLabel('Range').selectOption('last-60');
  await replay.getByRole('button', { name: 'Replay' }).click();
  await expect(replay.getByRole('progressbar')).toBeVisible();
  await replay.getByRole('button', { name: 'Cancel' }).click();
  await expect(replay.getByTestId('replay-progress')).toContainText('Cancelled.');
  await expect(replay.getByTestId('replay-result')).toHaveCount(0);
});
