// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredConfig, savedConfig, setupOptions } from './options-fixture';

/** The options page's first screen: the connection, then the accounts it found and which of them are watched. */
afterEach(cleanup);

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
