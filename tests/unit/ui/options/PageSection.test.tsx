// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_DEFAULTS, PageConfigSchema } from '../../../../src/core/page/page-config';
import { ConfigSchema, defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { OptionsApp } from '../../../../src/ui/options/OptionsApp';
import { NOW } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

afterEach(cleanup);

function setup(saveAnswer = { ok: true, problems: [] as { path: string; message: string }[], pending: null }) {
  const f = fakeClient({
    getCredentialsStatus: () => ({ configured: true, userName: 'trader1', gateway: { kind: 'topstepx' as const } }),
    getConfig: () => ({ config: defaultConfig(), pending: null }),
    listAccounts: () => ({ accounts: [] }),
    saveConfig: () => saveAnswer,
    getJournal: () => ({ entries: [] }),
  });
  render(
    <OptionsApp
      client={f.client}
      configSchema={ConfigSchema}
      page={{ schema: PageConfigSchema, defaults: PAGE_DEFAULTS }}
      download={() => {}}
      clock={fixedClock(NOW)}
    />,
  );
  return f;
}

describe('options: the advanced TopstepX page section', () => {
  it('edits the page selectors and patterns, saved with the rest of the settings', async () => {
    const f = setup();
    const blocked = (await screen.findByLabelText(/Requests blocked during a lockout/)) as HTMLTextAreaElement;
    expect(blocked.value).toContain('POST ^https://userapi\\.topstepx\\.com/Order/?');
    fireEvent.input(blocked, { target: { value: `${blocked.value}\nPOST ^https://userapi\\.topstepx\\.com/Basket$` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved/);
    const saved = f.requests.find((r) => r.type === 'saveConfig')?.payload.config as ReturnType<typeof defaultConfig>;
    expect(saved.page.blockRequests.at(-1)).toBe('POST ^https://userapi\\.topstepx\\.com/Basket$');
  });

  it('will not send a selector the page would throw on, or a pattern without a method', async () => {
    const f = setup();
    const cover = (await screen.findByLabelText(/Order-entry areas to cover/)) as HTMLTextAreaElement;
    fireEvent.input(cover, { target: { value: '[data-testid="order-card-container"' } });
    const allow = screen.getByLabelText(/Requests always let through/) as HTMLTextAreaElement;
    fireEvent.input(allow, { target: { value: '^https://userapi\\.topstepx\\.com/Order/cancel' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Not saved: 2 problems to fix/)).toBeTruthy();
    expect(screen.getAllByText(/not a valid CSS selector/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/expected "METHODS REGEX"/).length).toBeGreaterThan(0);
    expect(f.requests.some((r) => r.type === 'saveConfig')).toBe(false);
  });

  it('shows the worker’s verdict on a pattern the browser refuses, next to the pattern', async () => {
    setup({
      ok: false,
      problems: [{ path: 'page.blockRequests.0', message: 'the browser does not accept this pattern' }],
      pending: null,
    });
    await screen.findByLabelText(/Requests blocked during a lockout/);
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Not saved: the guard found problems/)).toBeTruthy();
    expect(document.querySelector('#page-advanced')?.hasAttribute('open')).toBe(true);
    expect(document.querySelector('#page-advanced')?.textContent).toContain('the browser does not accept this pattern');
  });
});
