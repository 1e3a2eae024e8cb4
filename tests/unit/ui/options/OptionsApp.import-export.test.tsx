// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configuredConfig, ruleRow, setupOptions } from './options-fixture';

/** Settings in and out as files, and the journal: filtered, opened from the popup, exported. */
afterEach(cleanup);

function uploadFile(text: string, name = 'config.json') {
  fireEvent.click(screen.getByRole('button', { name: 'Import or export settings' }));
  const input = screen.getByLabelText('Import settings from a file') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('options page: import, export, journal', () => {
  it('rejects an invalid import file listing EVERY problem in words, and sends nothing', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await ruleRow('dailyRealizedLoss');
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
    await ruleRow('dailyRealizedLoss');
    uploadFile('{ not json');
    expect((await screen.findByTestId('import-problems')).textContent).toContain(
      'not a settings file this page can read',
    );
  });

  it('imports a valid file through the worker and reloads the settings', async () => {
    const f = setupOptions({ config: configuredConfig() });
    await ruleRow('dailyRealizedLoss');
    uploadFile('{"defaultProfile":{"rules":{"dailyRealizedLoss":{"limit":400}}}}');
    await screen.findByText(/config.json imported/);
    expect(f.requests.filter((r) => r.type === 'importConfig')).toHaveLength(1);
    expect(f.requests.filter((r) => r.type === 'getConfig')).toHaveLength(2);
  });

  it('exports settings as a download', async () => {
    const { download } = setupOptions({ config: configuredConfig() });
    await ruleRow('dailyRealizedLoss');
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
