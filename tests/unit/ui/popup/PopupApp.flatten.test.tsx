// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { account, snapshot } from '../../messaging/snapshot-fixtures';
import { setupPopup } from './popup-fixture';

/** Flatten from the popup: one account or all, always through a confirm step. */
afterEach(cleanup);

describe('popup', () => {
  it('flattens an account only after the confirm step', async () => {
    const { requests } = setupPopup();
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten TOPX-50K-1' }));
    expect(requests.filter((r) => r.type === 'flattenAccount')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, flatten' }));
    await screen.findByText('Flattening TOPX-50K-1');
    expect(requests.filter((r) => r.type === 'flattenAccount')).toEqual([
      { type: 'flattenAccount', payload: { accountId: 101, confirm: true } },
    ]);
  });

  it('backs out of a flatten with Cancel', async () => {
    const { requests } = setupPopup();
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten TOPX-50K-1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Yes, flatten' })).toBeNull();
    expect(requests.some((r) => r.type === 'flattenAccount')).toBe(false);
  });

  it('flattens all accounts after confirmation', async () => {
    const { requests } = setupPopup(snapshot({ accounts: [account(), account({ id: 102, name: 'TOPX-50K-2' })] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten ALL accounts' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, flatten all' }));
    await screen.findByText('Flattening all accounts');
    expect(requests.filter((r) => r.type === 'flattenAll')).toEqual([
      { type: 'flattenAll', payload: { confirm: true } },
    ]);
  });

  it('shows a refused flatten as an error', async () => {
    setupPopup(snapshot(), {
      flattenAccount: () => {
        throw new Error('guard busy');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten TOPX-50K-1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, flatten' }));
    expect((await screen.findByText('guard busy')).className).toContain('rg-error');
  });
});
