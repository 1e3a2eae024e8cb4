import { fireEvent, render, within } from '@testing-library/preact';
import { vi } from 'vitest';
import { PRESET_CATALOGUE } from '../../../../src/core/presets/preset-catalogue';
import { ruleSummary } from '../../../../src/core/rules/catalog/rule-summary';
import { ConfigSchema, defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { issueInWords } from '../../../../src/core/rules/config/issue-words';
import type { PendingConfigView } from '../../../../src/messaging/snapshot';
import { OptionsApp } from '../../../../src/ui/options/OptionsApp';
import { NOW } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

/** The options page with the real config schema and guide, against a fake worker. */

export const RESET = Date.UTC(2026, 10, 25, 23); // 17:00 CT
export const GUIDE = { issueWords: issueInWords, ruleSummary, presets: PRESET_CATALOGUE };

export const TWO_ACCOUNTS = [
  { id: 101, name: '50KTC-V2-1', canTrade: true, balance: 50_250 },
  { id: 102, name: 'EXPRESS-V2-2', canTrade: true, balance: 151_000 },
];

export function setupOptions(
  opts: {
    configured?: boolean;
    config?: unknown;
    pending?: PendingConfigView | null;
    accounts?: typeof TWO_ACCOUNTS;
    answers?: Parameters<typeof fakeClient>[0];
    initialSection?: string;
  } = {},
) {
  const configured = opts.configured ?? true;
  const f = fakeClient({
    getCredentialsStatus: () => ({
      configured,
      userName: configured ? 'trader1' : null,
      gateway: configured ? { kind: 'topstepx' as const } : null,
    }),
    getConfig: () => ({ config: opts.config ?? defaultConfig(), pending: opts.pending ?? null }),
    listAccounts: () => ({ accounts: opts.accounts ?? TWO_ACCOUNTS }),
    listContracts: () => ({
      contracts: [
        { symbol: 'ES', description: 'E-mini S&P 500' },
        { symbol: 'NQ', description: 'E-mini NASDAQ-100' },
      ],
    }),
    saveConfig: () => ({ ok: true, problems: [], pending: null }),
    testConnection: () => ({ ok: true, message: 'Connected: 2 active account(s)', accountCount: 2 }),
    importConfig: () => ({ ok: true, problems: [], pending: null }),
    exportConfig: () => ({ json: '{"failClosed":true}' }),
    getJournal: () => ({
      entries: [
        {
          seq: 1,
          at: NOW,
          kind: 'lockout' as const,
          accountId: 101,
          ruleId: 'dailyRealizedLoss',
          message: 'Locked until 17:00',
        },
      ],
    }),
    exportJournal: (p) => ({ filename: `j.${String(p.format)}`, mime: 'text/csv', content: 'seq' }),
    ...opts.answers,
  });
  const download = vi.fn();
  render(
    <OptionsApp
      client={f.client}
      configSchema={ConfigSchema}
      download={download}
      clock={fixedClock(NOW)}
      guide={GUIDE}
      initialSection={opts.initialSection}
    />,
  );
  return { ...f, download };
}

/** The config the last saveConfig carried. */
export function savedConfig(f: ReturnType<typeof setupOptions>): ReturnType<typeof defaultConfig> {
  const req = [...f.requests].reverse().find((r) => r.type === 'saveConfig');
  if (!req) throw new Error('nothing was saved');
  return req.payload.config as ReturnType<typeof defaultConfig>;
}

/** A config that is not the first-run default (the preset step stays folded). */
export function configuredConfig() {
  const c = defaultConfig();
  c.defaultProfile.rules.dailyRealizedLoss = { ...c.defaultProfile.rules.dailyRealizedLoss, mode: 'enforce' };
  return c;
}

/** A rule's row, once the rules have loaded. */
export async function ruleRow(ruleId: string): Promise<HTMLElement> {
  return vi.waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[data-rule="${ruleId}"]`);
    if (!found) throw new Error(`no row ${ruleId}`);
    return found;
  });
}

/** A rule's row, opened to its fields. */
export async function openRuleRow(ruleId: string): Promise<HTMLElement> {
  const r = await ruleRow(ruleId);
  const name = within(r).getAllByRole('button')[0] as HTMLElement;
  if (name.getAttribute('aria-expanded') !== 'true') fireEvent.click(name);
  return r;
}
