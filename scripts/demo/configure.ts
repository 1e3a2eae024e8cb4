import type { Locator, Page } from '@playwright/test';
import type { Simulator } from '../../simulator/types';
import type { GuardBrowser } from './guard-browser';
import { userHubConnections } from './simulator';
import { failCheck, type WaitDeps, waitFor } from './step-runner';

/** The rules the demo sets, as a trader would on the options page. */
export interface DemoRules {
  dailyLossLimit: number;
  maxContracts: number;
}

/** A rule's row in the options page's rule list. */
const RULE_ROW = (rule: string) => `[data-rule="${rule}"]`;

/**
 * Drives the options page like a user: user name, API key, custom gateway = the simulator's
 * URLs, save; then the rules (mode enforce, limits), save. Waits for the page's own
 * confirmation after each save.
 */
export async function configureThroughOptionsPage(
  browser: GuardBrowser,
  sim: Simulator,
  rules: DemoRules,
): Promise<Page> {
  const page = await browser.openOptions();
  await page.getByLabel('TopstepX user name').fill(sim.demo.userName);
  await page.getByLabel('API key').fill(sim.demo.apiKey);
  await page.getByLabel('Gateway').selectOption('custom');
  await page.getByLabel('REST base URL').fill(sim.restUrl);
  await page.getByLabel('User hub URL').fill(sim.userHubUrl);
  await page.getByLabel('Market hub URL').fill(sim.marketHubUrl);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await pageSays(page, `Saved for ${sim.demo.userName}`, 'the options page to confirm the connection was saved');

  const daily = page.locator(RULE_ROW('dailyRealizedLoss'));
  await daily
    .waitFor({ timeout: 15_000 })
    .catch(async () => failCheck('the rule list on the options page', await pageMessages(page)));
  await setRule(daily, { 'Loss limit': String(rules.dailyLossLimit) });
  await setRule(page.locator(RULE_ROW('maxContracts')), { 'Most contracts open': String(rules.maxContracts) });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await pageSays(page, /^Saved\./, 'the options page to confirm the rules were saved');
  return page;
}

/** A rule row: its switch to Enforce, then open it and type each field (by label). */
async function setRule(row: Locator, fields: Record<string, string>): Promise<void> {
  await row.getByRole('radio', { name: 'Enforce', exact: true }).check();
  await row.locator('.rg-rule-name').click();
  for (const [label, value] of Object.entries(fields)) await row.getByLabel(new RegExp(`^${label}`)).fill(value);
}

/** The status and alert lines the page shows (what a user would read after a failed save). */
async function pageMessages(page: Page): Promise<string> {
  const texts = await page.locator('[role="status"], [role="alert"]').allInnerTexts();
  const shown = texts.map((t) => t.trim()).filter(Boolean);
  return shown.length > 0 ? `the page says: ${shown.join(' | ')}` : 'no status or alert on the page';
}

async function pageSays(page: Page, text: string | RegExp, expected: string): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout: 10_000 });
  } catch {
    failCheck(`${expected} ("${String(text)}")`, await pageMessages(page));
  }
}

/** The same without the page (benchmark): the protocol messages the options page sends. */
export async function configureThroughMessages(
  browser: GuardBrowser,
  sim: Simulator,
  mutate: (config: Record<string, unknown>) => void,
): Promise<void> {
  await browser.request('saveCredentials', {
    userName: sim.demo.userName,
    apiKey: sim.demo.apiKey,
    gateway: { kind: 'custom', restBase: sim.restUrl, userHub: sim.userHubUrl, marketHub: sim.marketHubUrl },
  });
  const { config } = await browser.request('getConfig', {});
  const next = structuredClone(config) as Record<string, unknown>;
  mutate(next);
  const saved = await browser.request('saveConfig', { config: next });
  if (!saved.ok) {
    throw new Error(
      `the guard rejected the benchmark config: ${saved.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
}

/** Until the simulator holds the guard's user hub and the guard says it is connected and sees the accounts. */
export async function waitForGuardConnected(
  browser: GuardBrowser,
  sim: Simulator,
  accountIds: readonly number[],
  deps: WaitDeps,
  timeoutMs = 20_000,
): Promise<number> {
  const r = await waitFor(
    {
      expected: `the guard connected to the simulator's user hub, status 'connected', accounts ${accountIds.join(', ')} in its snapshot`,
      timeoutMs,
      intervalMs: 50,
      probe: async () => {
        const hubs = userHubConnections(sim);
        const s = await browser.snapshot();
        const seen = s.accounts.map((a) => a.id);
        const ok = hubs > 0 && s.health.user.status === 'connected' && accountIds.every((id) => seen.includes(id));
        return {
          ok,
          seen: `${hubs} user hub connection(s) at the simulator; guard user hub '${s.health.user.status}', token '${s.health.token}', accounts [${seen.join(', ')}]`,
        };
      },
    },
    deps,
  );
  return r.elapsedMs;
}
