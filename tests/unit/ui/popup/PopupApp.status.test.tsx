// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { setupPopup } from './popup-fixture';

/** What the popup says about the account and the guard: the status word, the meters, guard health. */
afterEach(cleanup);

describe('popup', () => {
  it('shows OK with word, P&L, contracts and each rule as a meter', async () => {
    setupPopup();
    await screen.findByText('TOPX-50K-1');
    expect(screen.getByText('OK')).toBeTruthy();
    expect(screen.getByText('+$120.00')).toBeTruthy();
    expect(screen.getByText('\u2212$35.50')).toBeTruthy();
    expect(screen.getByText('2 / 5')).toBeTruthy();
    const meter = screen.getByLabelText('Daily realized loss');
    expect(meter.tagName).toBe('METER');
    expect(meter.getAttribute('value')).toBe('20');
    expect(meter.getAttribute('aria-valuetext')).toContain('$100.00 of $500.00');
    expect(screen.getByRole('img', { name: /P&L today/ })).toBeTruthy();
    expect(screen.getByText(/Guard: Connected/)).toBeTruthy();
  });

  it('shows a warning when a meter is near its limit', async () => {
    setupPopup(
      snapshot({ accounts: [account({ status: 'warning', meters: [{ ...account().meters[0]!, value: 420 }] })] }),
    );
    await screen.findByText('Warning');
    expect(screen.getByText(/near limit/)).toBeTruthy();
  });

  it('shows a failing rule as error, with what went wrong, next to the meters that still work', async () => {
    setupPopup(
      snapshot({
        accounts: [
          account({
            ruleErrors: [
              { ruleId: 'unrealizedLoss', name: 'Unrealized loss', message: 'TypeError: boom', since: NOW - 60_000 },
            ],
          }),
        ],
      }),
    );
    const alert = await screen.findByTestId('rule-error');
    expect(alert.textContent).toContain('Unrealized loss');
    expect(alert.textContent).toContain('error');
    expect(alert.textContent).toContain('TypeError: boom');
    expect(screen.getByLabelText('Daily realized loss').tagName).toBe('METER');
  });

  it('says in red, in guard health, when storage refuses writes (a full disk), and that the guard still enforces', async () => {
    setupPopup(
      snapshot({
        storage: {
          state: 'failing',
          since: NOW - 60_000,
          lastError: 'QuotaExceededError: The quota has been exceeded.',
          quota: true,
          failedWrites: 12,
        },
      }),
    );
    const problems = await screen.findByTestId('guard-problems');
    const line = problems.querySelector('[data-problem="storage"]');
    expect(line?.getAttribute('role')).toBe('alert');
    expect(line?.textContent).toContain('Storage full');
    expect(line?.textContent).toContain('still enforces your limits');
    expect(line?.textContent).toContain('Free disk space');
  });

  it('shows no storage line while writes land', async () => {
    setupPopup(snapshot({ storage: { state: 'ok', since: null, lastError: null, quota: false, failedWrites: 0 } }));
    await screen.findByText('TOPX-50K-1');
    expect(document.querySelector('[data-problem="storage"]')).toBeNull();
  });

  it('shows BLIND in an alert with the time it started', async () => {
    setupPopup(snapshot({ health: healthy({ blindSince: NOW - 120_000 }) }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Guard: BLIND');
    expect(alert.textContent).toContain('since 08:58 CT (2 min)');
    expect(alert.textContent).toContain('blocked (fail-closed)');
  });

  it('shows Reconnecting while a hub reconnects', async () => {
    setupPopup(
      snapshot({
        health: healthy({ market: { status: 'reconnecting', since: NOW - 4000, lastMessageAt: null, stale: false } }),
      }),
    );
    expect((await screen.findByText(/Guard: Reconnecting/)).textContent).toContain('Reconnecting');
  });

  it('links to the options page and the journal', async () => {
    const { openOptions } = setupPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Journal' }));
    expect(openOptions).toHaveBeenCalledWith('journal');
  });
});
