// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RULE_IDS } from '../../../../src/core/rules/catalog/rule-catalog';
import { STORAGE_PROBLEM_PATH } from '../../../../src/messaging/protocol';
import { configuredConfig, RESET, savedConfig, setupOptions } from './options-fixture';

afterEach(cleanup);

const row = async (ruleId: string) => {
  const el = await vi.waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[data-rule="${ruleId}"]`);
    if (!found) throw new Error(`no row ${ruleId}`);
    return found;
  });
  return el;
};
const openRow = async (ruleId: string) => {
  const r = await row(ruleId);
  const name = within(r).getAllByRole('button')[0] as HTMLElement;
  if (name.getAttribute('aria-expanded') !== 'true') fireEvent.click(name);
  return r;
};

function uploadFile(text: string, name = 'config.json') {
  fireEvent.click(screen.getByRole('button', { name: 'Import or export settings' }));
  const input = screen.getByLabelText('Import settings from a file') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('options page: one screen to start', () => {
  it('puts the connection first and says what to do next while nothing is stored', async () => {
    setupOptions({ configured: false });
    expect((await screen.findByTestId('credentials-status')).textContent).toMatch(/^Start here/);
    expect(screen.getByTestId('accounts-empty').textContent).toContain('Once connected');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.slice(0, 3)).toEqual(['Connect to TopstepX', 'Your accounts', 'Rules']);
  });

  it('once connected, lists the accounts found with their balances', async () => {
    setupOptions();
    const table = await screen.findByTestId('accounts-table');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows[0]).toContain('50KTC-V2-1');
    expect(rows[0]).toContain('$50,250');
    expect(rows[1]).toContain('$151,000');
  });

  it('says when the login has no active account', async () => {
    setupOptions({ accounts: [] });
    expect((await screen.findByText(/No active account/)).getAttribute('data-testid')).toBe('accounts-empty');
  });

  it('chooses the watched accounts by name', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await screen.findByTestId('accounts-table');
    fireEvent.change(screen.getByLabelText('The guard watches'), { target: { value: 'some' } });
    fireEvent.click(screen.getByLabelText('Watch EXPRESS-V2-2'));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    expect(savedConfig(f).monitoredAccountIds).toEqual([101]);
  });

  it('builds a copy-trading group and names its problems in words', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await screen.findByTestId('accounts-table');
    fireEvent.click(screen.getByRole('button', { name: 'Add a group' }));
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('Group 1 name: cannot be empty'))).toBe(
      true,
    );
    fireEvent.input(screen.getByLabelText('Group 1 name'), { target: { value: 'Copy A' } });
    fireEvent.click(screen.getByLabelText('50KTC-V2-1 in group 1'));
    fireEvent.click(screen.getByLabelText('EXPRESS-V2-2 in group 1'));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    expect(savedConfig(f).accountGroups).toEqual([{ name: 'Copy A', accountIds: [101, 102] }]);
  });
});

describe('options page: the rules as a list', () => {
  it('shows every rule as one row: name, a sentence with its values, a mode switch; no fields until opened', async () => {
    setupOptions({ config: configuredConfig() });
    const daily = await row('dailyRealizedLoss');
    expect(document.querySelectorAll('[data-testid="rule-row"]').length).toBeGreaterThanOrEqual(RULE_IDS.length);
    for (const id of RULE_IDS) expect(document.querySelector(`[data-rule="${id}"]`), id).not.toBeNull();
    expect(within(daily).getByTestId('rule-summary').textContent).toBe(
      'Flatten and lock until 17:00 CT when today’s loss reaches $500',
    );
    const group = within(daily).getByRole('group', { name: 'Mode of Daily realized loss' });
    expect((within(group).getByLabelText('Enforce') as HTMLInputElement).checked).toBe(true);
    expect(within(daily).queryByLabelText(/Loss limit/)).toBeNull();
    await openRow('dailyRealizedLoss');
    expect(within(daily).getByRole('button', { name: 'Daily realized loss' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect((within(daily).getByLabelText(/Loss limit/) as HTMLInputElement).value).toBe('500');
  });

  it('switches a rule to enforce, edits its limit (the sentence follows) and saves it', async () => {
    const f = setupOptions({ config: configuredConfig() });
    const max = await openRow('maxContracts');
    fireEvent.click(within(max).getByLabelText('Enforce'));
    fireEvent.input(within(max).getByLabelText(/Most contracts open/), { target: { value: '3' } });
    expect(within(max).getByTestId('rule-summary').textContent).toBe(
      'Reduce to 3 contracts when more are open, newest first (in minis: a micro counts 0.1)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved. In force now.');
    expect(savedConfig(f).defaultProfile.rules.maxContracts).toMatchObject({ mode: 'enforce', limit: 3 });
  });

  it('shows a loosening held by the commitment lock on its row, with when it takes effect', async () => {
    setupOptions({
      config: configuredConfig(),
      pending: {
        effectiveAt: RESET,
        changes: [{ path: 'defaultProfile.rules.dailyRealizedLoss.limit', from: 500, to: 900 }],
      },
    });
    const daily = await row('dailyRealizedLoss');
    expect(within(daily).getByTestId('rule-pending').textContent).toBe(
      'Pending until 17:00 CT: Loss limit: $500 → $900',
    );
    await openRow('dailyRealizedLoss');
    expect(within(daily).getByTestId('pending-field').textContent).toBe('Pending until 17:00 CT: $500 → $900');
  });

  it('on save lists every problem at once by its name, opens the rows that have one, and sends nothing', async () => {
    const f = setupOptions({ config: configuredConfig() });
    const daily = await openRow('dailyRealizedLoss');
    fireEvent.input(within(daily).getByLabelText(/Loss limit/), { target: { value: '-1' } });
    const hours = await openRow('tradingHours');
    fireEvent.input(within(hours).getByLabelText('From'), { target: { value: '' } });
    // Close both: the save opens them again.
    fireEvent.click(within(daily).getByRole('button', { name: 'Daily realized loss' }));
    fireEvent.click(within(hours).getByRole('button', { name: 'Trading hours' }));
    expect(within(daily).getByTestId('rule-problems').textContent).toContain('1 problem to fix');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByText(/Not saved: 2 problems to fix/)).getAttribute('role')).toBe('status');
    const summary = screen.getByTestId('form-problems');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Daily realized loss › Loss limit: must be more than 0',
      'Trading hours › From: enter a time like 17:00',
    ]);
    expect(
      within(daily)
        .getByLabelText(/Loss limit/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(hours).getByText('enter a time like 17:00')).toBeTruthy();
    expect(f.requests.some((r) => r.type === 'saveConfig')).toBe(false);
  });

  it('shows problems the worker reports next to the field', async () => {
    setupOptions({
      config: configuredConfig(),
      answers: {
        saveConfig: () => ({
          ok: false,
          problems: [
            { path: 'defaultProfile.rules.dailyRealizedLoss.limit', message: 'cannot loosen below today’s loss' },
          ],
          pending: null,
        }),
      },
    });
    await row('dailyRealizedLoss');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/the guard found problems/);
    const daily = await row('dailyRealizedLoss');
    expect(await within(daily).findByText('cannot loosen below today’s loss')).toBeTruthy();
    expect(screen.getByTestId('form-problems').textContent).toContain(
      'Daily realized loss › Loss limit: cannot loosen below today’s loss',
    );
  });

  it('says a save that could not be stored changed nothing', async () => {
    setupOptions({
      config: configuredConfig(),
      answers: {
        saveConfig: () => ({
          ok: false,
          problems: [
            {
              path: STORAGE_PROBLEM_PATH,
              message:
                'the settings could not be stored (QuotaExceededError); nothing changed, the previous settings stay in force',
            },
          ],
          pending: null,
        }),
      },
    });
    await row('dailyRealizedLoss');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByText(/could not be stored/);
    expect(alert.textContent).toContain('Not saved');
    expect(alert.textContent).toContain('the previous settings stay in force');
  });

  it('offers the gateway’s symbols to the symbol pickers, and takes one it does not list', async () => {
    const f = setupOptions({ config: configuredConfig() });
    const blocks = await openRow('symbolBlocks');
    await vi.waitFor(() => expect(document.querySelectorAll('#rg-symbols option').length).toBe(2));
    const add = within(blocks).getByLabelText('Add a symbol to blocked symbols');
    expect(add.getAttribute('list')).toBe('rg-symbols');
    fireEvent.input(add, { target: { value: 'nq' } });
    fireEvent.click(within(blocks).getByRole('button', { name: 'Add symbol' }));
    fireEvent.input(add, { target: { value: 'ZQ' } });
    fireEvent.click(within(blocks).getByRole('button', { name: 'Add symbol' }));
    expect(within(blocks).getByTestId('rule-summary').textContent).toBe(
      'Cancel and close anything in NQ and ZQ, and block it',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    expect(savedConfig(f).defaultProfile.rules.symbolBlocks.roots).toEqual(['NQ', 'ZQ']);
    expect(f.requests.some((r) => r.type === 'listContracts')).toBe(true);
  });

  it('takes a rule row to the replay with the settings as edited', async () => {
    setupOptions({
      config: configuredConfig(),
      answers: { startReplay: () => ({ ok: true, jobId: 'j', problems: [] }) },
    });
    const daily = await openRow('dailyRealizedLoss');
    fireEvent.click(within(daily).getByRole('button', { name: /What would this have done/ }));
    const replay = screen.getByTestId('replay-section');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Replay'));
    expect((within(replay).getByLabelText('Settings') as HTMLSelectElement).value).toBe('draft');
  });
});

describe('options page: lock me out', () => {
  it('has a folded Lock me out section listing the accounts, which asks before it locks', async () => {
    const f = setupOptions({
      config: configuredConfig(),
      answers: {
        previewLockMeOut: () => ({
          ok: true,
          message: 'EXPRESS-V2-2: locked',
          accountNames: ['EXPRESS-V2-2'],
          endsAt: RESET,
        }),
      },
    });
    await screen.findByTestId('accounts-table');
    fireEvent.click(screen.getByRole('button', { name: 'Lock me out' }));
    const section = screen.getByRole('region', { name: 'Lock me out' });
    const select = within(section).getByLabelText('Account to lock') as HTMLSelectElement;
    await within(section).findByRole('option', { name: 'EXPRESS-V2-2' });
    fireEvent.change(select, { target: { value: '102' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Lock me out…' }));
    expect(await within(section).findByRole('alertdialog')).toBeTruthy();
    expect(f.requests.filter((r) => r.type === 'lockMeOut')).toEqual([]);
  });
});

describe('options page: folded sections', () => {
  it('opens a folded section when a link points at it', async () => {
    setupOptions({ config: configuredConfig() });
    await screen.findByTestId('accounts-table');
    expect(screen.getByRole('button', { name: 'Lock me out' }).getAttribute('aria-expanded')).toBe('false');
    window.location.hash = '#lock-me-out';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Lock me out' }).getAttribute('aria-expanded')).toBe('true'),
    );
    window.location.hash = '';
  });
});

describe('options page: import, export, journal', () => {
  it('rejects an invalid import file listing EVERY problem in words, and sends nothing', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await row('dailyRealizedLoss');
    uploadFile(
      JSON.stringify({
        failClosed: 'yes',
        defaultProfile: { rules: { dailyRealizedLoss: { limit: 0, extra: 1 } } },
        unknownTop: true,
      }),
    );
    const box = await screen.findByTestId('import-problems');
    expect(box.textContent).toContain('4 problems in the file');
    for (const line of [
      'Fail closed: tick or untick it',
      'Daily realized loss › Loss limit: must be more than 0',
      'Daily realized loss › Extra: unknown setting',
      'Unknown top: unknown setting',
    ]) {
      expect(box.textContent).toContain(line);
    }
    expect(box.textContent).not.toContain('defaultProfile');
    expect(screen.getByText(/was not imported: nothing changed/)).toBeTruthy();
    expect(f.requests.some((r) => r.type === 'importConfig')).toBe(false);
  });

  it('rejects a file it cannot read', async () => {
    setupOptions({ config: configuredConfig() });
    await row('dailyRealizedLoss');
    uploadFile('{ not json');
    expect((await screen.findByTestId('import-problems')).textContent).toContain(
      'not a settings file this page can read',
    );
  });

  it('imports a valid file through the worker and reloads the settings', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await row('dailyRealizedLoss');
    uploadFile('{"defaultProfile":{"rules":{"dailyRealizedLoss":{"limit":400}}}}');
    await screen.findByText(/config.json imported/);
    expect(f.requests.filter((r) => r.type === 'importConfig')).toHaveLength(1);
    expect(f.requests.filter((r) => r.type === 'getConfig')).toHaveLength(2);
  });

  it('exports settings as a download', async () => {
    const { download } = setupOptions({ config: configuredConfig() });
    await row('dailyRealizedLoss');
    fireEvent.click(screen.getByRole('button', { name: 'Import or export settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    await vi.waitFor(() => expect(download).toHaveBeenCalled());
    expect(download).toHaveBeenCalledWith({
      filename: 'risk-guard-config.json',
      mime: 'application/json',
      content: '{"failClosed":true}',
    });
  });

  it('filters the journal by account and kind and shows the entries', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await screen.findByTestId('accounts-table');
    fireEvent.click(screen.getByRole('button', { name: 'Journal' }));
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: '101' } });
    fireEvent.click(screen.getByLabelText('lockout'));
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-11-25T00:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show entries' }));
    const entry = await screen.findByText('Locked until 17:00');
    expect(entry.closest('tr')?.textContent).toContain('50KTC-V2-1');
    const filters = f.requests.find((r) => r.type === 'getJournal')?.payload.filters as Record<string, unknown>;
    expect(filters).toMatchObject({ accountId: 101, kinds: ['lockout'] });
  });

  it('opens on the journal when the popup links to it', async () => {
    setupOptions({ config: configuredConfig(), initialSection: 'journal' });
    expect(await screen.findByRole('button', { name: 'Show entries' })).toBeTruthy();
  });

  it('exports the journal as CSV and JSON', async () => {
    const { download, requests } = setupOptions({ config: configuredConfig() });
    fireEvent.click(await screen.findByRole('button', { name: 'Journal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await vi.waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    expect(requests.filter((r) => r.type === 'exportJournal').map((r) => r.payload.format)).toEqual(['csv', 'json']);
  });
});
