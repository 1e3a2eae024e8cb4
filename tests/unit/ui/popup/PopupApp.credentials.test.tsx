// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { setupPopup } from './popup-fixture';

/** The popup asks for the API key when there is none or the server refused it, and only then. */
afterEach(cleanup);

describe('popup', () => {
  it('asks for credentials when none are stored, with a way to Options', async () => {
    const { openOptions } = setupPopup(snapshot({ accounts: [], credentials: { configured: false, userName: null } }));
    await screen.findByTestId('no-credentials');
    fireEvent.click(screen.getByRole('button', { name: 'Connect in Options' }));
    expect(openOptions).toHaveBeenCalledWith();
  });

  it('asks to re-enter the API key when the server refused it, with a way to Options', async () => {
    const { openOptions } = setupPopup(
      snapshot({ health: healthy({ token: 'reenter-key', blindSince: NOW - 60_000 }) }),
    );
    const alert = await screen.findByTestId('reenter-key');
    expect(alert.textContent).toContain('re-enter your API key');
    fireEvent.click(screen.getByRole('button', { name: 'Re-enter API key' }));
    expect(openOptions).toHaveBeenCalledWith();
  });

  it('does not ask for the key while it is valid', async () => {
    setupPopup();
    await screen.findByText(/Guard: Connected/);
    expect(screen.queryByTestId('reenter-key')).toBeNull();
  });
});
