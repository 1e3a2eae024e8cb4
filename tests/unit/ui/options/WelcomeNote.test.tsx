// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OptionsApp } from '../../../../src/ui/options/OptionsApp';
import { NOW } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

afterEach(cleanup);

function renderOptions(initialSection?: string) {
  const f = fakeClient({
    getCredentialsStatus: () => ({ configured: false, userName: null, gateway: null }),
    getConfig: () => ({ config: {}, pending: null }),
    listAccounts: () => ({ accounts: [] }),
    getJournal: () => ({ entries: [] }),
  });
  render(
    <OptionsApp
      client={f.client}
      configSchema={z.strictObject({})}
      download={() => {}}
      clock={fixedClock(NOW)}
      {...(initialSection ? { initialSection } : {})}
    />,
  );
}

describe('the options page after install', () => {
  it('opens at the start of the setup: a welcome with the steps, focused, right above the connection', async () => {
    renderOptions('setup');
    const welcome = await screen.findByTestId('welcome');
    expect(welcome.textContent).toContain('Connect');
    expect(document.activeElement?.id).toBe('rg-setup-h');
    const connection = document.getElementById('connection');
    expect(welcome.nextElementSibling).toBe(connection);
  });

  it('shows no welcome when opened any other way', async () => {
    renderOptions();
    await screen.findByText('Risk Guard settings');
    expect(screen.queryByTestId('welcome')).toBeNull();
  });
});
