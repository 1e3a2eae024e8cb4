// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { STORAGE_PROBLEM_PATH } from '../../../../src/messaging/protocol';
import { OptionsApp } from '../../../../src/ui/options/OptionsApp';
import { NOW } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

afterEach(cleanup);

const Schema = z.strictObject({
  failClosed: z.boolean().default(true).meta({ label: 'Fail closed' }),
  monitoredAccountIds: z.union([z.literal('all'), z.array(z.number().int())]).default('all'),
  accountGroups: z
    .array(z.strictObject({ name: z.string().min(1), accountIds: z.array(z.number().int()).min(2) }))
    .default([]),
  rules: z
    .strictObject({
      dailyLoss: z
        .strictObject({
          limit: z.number().positive().default(500).meta({ label: 'Daily loss limit', unit: 'USD' }),
        })
        .prefault({}),
    })
    .prefault({}),
});

const RESET = Date.UTC(2026, 10, 25, 23);

function setup(extra = {}) {
  const f = fakeClient({
    getCredentialsStatus: () => ({ configured: true, userName: 'trader1', gateway: { kind: 'topstepx' as const } }),
    getConfig: () => ({ config: Schema.parse({}), pending: null }),
    listAccounts: () => ({
      accounts: [
        { id: 101, name: 'TOPX-1', canTrade: true },
        { id: 102, name: 'TOPX-2', canTrade: true },
      ],
    }),
    saveConfig: () => ({ ok: true, problems: [], pending: null }),
    importConfig: () => ({ ok: true, problems: [], pending: null }),
    exportConfig: () => ({ json: '{"failClosed":true}' }),
    getJournal: () => ({
      entries: [
        {
          seq: 1,
          at: NOW,
          kind: 'lockout' as const,
          accountId: 101,
          ruleId: 'dailyLoss',
          message: 'Locked until 17:00',
        },
      ],
    }),
    exportJournal: (p) => ({ filename: `j.${String(p.format)}`, mime: 'text/csv', content: 'seq' }),
    ...extra,
  });
  const download = vi.fn();
  render(<OptionsApp client={f.client} configSchema={Schema} download={download} clock={fixedClock(NOW)} />);
  return { ...f, download };
}

function uploadFile(text: string, name = 'config.json') {
  const input = screen.getByLabelText('Import settings from a JSON file') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('options page', () => {
  it('has a Lock me out section listing the accounts, which asks before it locks', async () => {
    const f = setup({
      previewLockMeOut: () => ({ ok: true, message: 'TOPX-2: locked', accountNames: ['TOPX-2'], endsAt: NOW + 60_000 }),
    });
    const section = await screen.findByRole('region', { name: 'Lock me out' });
    const select = within(section).getByLabelText('Account to lock') as HTMLSelectElement;
    await within(section).findByRole('option', { name: 'TOPX-2' });
    fireEvent.change(select, { target: { value: '102' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Lock me out…' }));
    expect(await within(section).findByRole('alertdialog')).toBeTruthy();
    expect(f.requests.filter((r) => r.type === 'lockMeOut')).toEqual([]);
  });

  it('renders the rule editor from the schema with the loaded values', async () => {
    setup();
    expect(((await screen.findByLabelText(/Daily loss limit/)) as HTMLInputElement).value).toBe('500');
    expect(screen.queryByLabelText(/Monitored accounts: kind/)).toBeNull(); // edited in the accounts section
  });

  it('saves settings and says whether they are in force or pending', async () => {
    const f = setup({
      saveConfig: () => ({
        ok: true,
        problems: [],
        pending: { effectiveAt: RESET, changes: [{ path: 'rules.dailyLoss.limit', from: 500, to: 900 }] },
      }),
    });
    fireEvent.input(await screen.findByLabelText(/Daily loss limit/), { target: { value: '900' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/looser ones wait for the next reset/);
    expect(f.requests.find((r) => r.type === 'saveConfig')?.payload.config).toMatchObject({
      rules: { dailyLoss: { limit: 900 } },
    });
    expect(screen.getByTestId('pending').textContent).toContain('Pending until 17:00 CT');
    expect(screen.getByTestId('pending-field').textContent).toBe('Pending until 17:00 CT: 500 \u2192 900');
  });

  it('does not send settings with problems, and shows them by field', async () => {
    const f = setup();
    fireEvent.input(await screen.findByLabelText(/Daily loss limit/), { target: { value: '-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Not saved: fix the 1 problem/)).toBeTruthy();
    expect(screen.getByLabelText(/Daily loss limit/).getAttribute('aria-invalid')).toBe('true');
    expect(f.requests.some((r) => r.type === 'saveConfig')).toBe(false);
  });

  it('shows problems the worker reports inline', async () => {
    setup({
      saveConfig: () => ({
        ok: false,
        problems: [{ path: 'rules.dailyLoss.limit', message: 'cannot loosen below today\u2019s loss' }],
        pending: null,
      }),
    });
    await screen.findByLabelText(/Daily loss limit/);
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/the guard rejected the settings/);
    expect(screen.getAllByText(/cannot loosen below today/).length).toBeGreaterThanOrEqual(1);
  });

  it('says a save that could not be stored changed nothing', async () => {
    setup({
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
    });
    await screen.findByLabelText(/Daily loss limit/);
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByText(/could not be stored/);
    expect(alert.textContent).toContain('Not saved');
    expect(alert.textContent).toContain('the previous settings stay in force');
    expect(screen.queryByText(/the guard rejected the settings/)).toBeNull();
  });

  it('chooses monitored accounts by name', async () => {
    const f = setup();
    fireEvent.click(await screen.findByLabelText(/Only the accounts ticked below/));
    fireEvent.click(screen.getByLabelText(/^TOPX-2 \(102/));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    expect(f.requests.find((r) => r.type === 'saveConfig')?.payload.config).toMatchObject({
      monitoredAccountIds: [101],
    });
  });

  it('builds a copy-trading group and validates it', async () => {
    const f = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Add a group' }));
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('accountGroups.0'))).toBe(true);
    fireEvent.input(screen.getByLabelText('Group 1 name'), { target: { value: 'Copy A' } });
    fireEvent.click(screen.getByLabelText('TOPX-1 in group 1'));
    fireEvent.click(screen.getByLabelText('TOPX-2 in group 1'));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    expect(f.requests.find((r) => r.type === 'saveConfig')?.payload.config).toMatchObject({
      accountGroups: [{ name: 'Copy A', accountIds: [101, 102] }],
    });
  });

  it('rejects an invalid import file listing EVERY problem, and sends nothing', async () => {
    const f = setup();
    await screen.findByLabelText(/Daily loss limit/);
    uploadFile(
      JSON.stringify({
        failClosed: 'yes',
        monitoredAccountIds: 'some',
        rules: { dailyLoss: { limit: 0, extra: 1 } },
        unknownTop: true,
      }),
    );
    const box = await screen.findByTestId('import-problems');
    expect(box.textContent).toContain('5 problems');
    for (const path of [
      'failClosed',
      'monitoredAccountIds',
      'rules.dailyLoss.limit',
      'rules.dailyLoss.extra',
      'unknownTop',
    ]) {
      expect(within(box).getByText(path)).toBeTruthy();
    }
    expect(screen.getByText(/was not imported: nothing changed/)).toBeTruthy();
    expect(f.requests.some((r) => r.type === 'importConfig')).toBe(false);
  });

  it('rejects a file that is not JSON', async () => {
    setup();
    await screen.findByLabelText(/Daily loss limit/);
    uploadFile('{ not json');
    const box = await screen.findByTestId('import-problems');
    expect(box.textContent).toContain('not valid JSON');
  });

  it('imports a valid file through the worker and reloads the settings', async () => {
    const f = setup();
    await screen.findByLabelText(/Daily loss limit/);
    uploadFile('{"rules":{"dailyLoss":{"limit":400}}}');
    await screen.findByText(/config.json imported/);
    expect(f.requests.filter((r) => r.type === 'importConfig')).toEqual([
      { type: 'importConfig', payload: { json: '{"rules":{"dailyLoss":{"limit":400}}}' } },
    ]);
    expect(f.requests.filter((r) => r.type === 'getConfig')).toHaveLength(2);
  });

  it('exports settings as a JSON download', async () => {
    const { download } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Export settings' }));
    await vi.waitFor(() => expect(download).toHaveBeenCalled());
    expect(download).toHaveBeenCalledWith({
      filename: 'risk-guard-config.json',
      mime: 'application/json',
      content: '{"failClosed":true}',
    });
  });

  it('filters the journal by account and kind and shows the entries', async () => {
    const f = setup();
    await screen.findByLabelText(/Daily loss limit/);
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: '101' } });
    fireEvent.click(screen.getByLabelText('lockout'));
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-11-25T00:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show entries' }));
    const row = await screen.findByText('Locked until 17:00');
    expect(row.closest('tr')?.textContent).toContain('TOPX-1');
    const filters = f.requests.find((r) => r.type === 'getJournal')?.payload.filters as Record<string, unknown>;
    expect(filters).toMatchObject({ accountId: 101, kinds: ['lockout'] });
    expect(typeof filters.from).toBe('number');
  });

  it('exports the journal as CSV and JSON', async () => {
    const { download, requests } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await vi.waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    expect(requests.filter((r) => r.type === 'exportJournal').map((r) => r.payload.format)).toEqual(['csv', 'json']);
  });
});
