// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configuredConfig, RESET, setupOptions } from './options-fixture';

/** The folded sections of the options page: Lock me out, and a link that opens one. */
afterEach(cleanup);

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
