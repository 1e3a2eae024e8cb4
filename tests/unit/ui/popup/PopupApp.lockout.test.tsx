// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { account, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { setupPopup } from './popup-fixture';

/** Lockouts and cooldowns in the popup: reasons, countdowns on the guard's clock, Lock me out, a pending loosening. */
afterEach(cleanup);

/** The one account, locked by the daily loss limit until `endsAt`. */
const lockedUntil = (endsAt: number, more: Parameters<typeof snapshot>[0] = {}) =>
  snapshot({
    ...more,
    accounts: [
      account({
        status: 'locked',
        lockouts: [{ kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'd', endsAt }],
      }),
    ],
  });

describe('popup', () => {
  it('shows a cooldown with its countdown', async () => {
    setupPopup(
      snapshot({
        accounts: [
          account({
            status: 'cooldown',
            lockouts: [
              { kind: 'cooldown', reason: '3 losses in a row', ruleId: 'cooldownAfterLoss', endsAt: NOW + 600_000 },
            ],
          }),
        ],
      }),
    );
    await screen.findByText('Cooldown');
    expect(screen.getByTestId('countdown').textContent).toBe('0:10:00');
    expect(screen.getByTestId('lockout').textContent).toContain('3 losses in a row');
  });

  it('shows a lockout with its reason and the countdown to 17:00 CT', async () => {
    setupPopup(lockedUntil(Date.UTC(2026, 10, 25, 23)));
    await screen.findByText('Locked');
    expect(screen.getByTestId('lockout').textContent).toContain('until 17:00 CT');
    expect(screen.getByTestId('countdown').textContent).toBe('8:00:00');
  });

  it('counts down on the guard’s clock when the guard runs shifted (local builds)', async () => {
    setupPopup(lockedUntil(Date.UTC(2026, 10, 25, 23), { clockOffsetMs: 3 * 3_600_000 }));
    await screen.findByText('Locked');
    expect(screen.getByTestId('countdown').textContent).toBe('5:00:00');
  });

  it('counts down on the server’s time when the computer’s clock is set a day ahead, and says so', async () => {
    setupPopup(
      // 17:00 CT on the server's day, which the computer's clock already shows as yesterday.
      lockedUntil(Date.UTC(2026, 10, 24, 23), {
        clockOffsetMs: -24 * 3_600_000,
        clock: { source: 'server', skewMs: 24 * 3_600_000, uncertaintyMs: 400 },
      }),
    );
    await screen.findByText('Locked');
    expect(screen.getByTestId('countdown').textContent).toBe('8:00:00');
    expect(screen.getByTestId('clock-skew').textContent).toContain("Your computer's clock is 24 h ahead");
  });

  it('offers Lock me out, folded away until opened', async () => {
    setupPopup();
    const panel = await screen.findByTestId('lock-me-out-panel');
    expect(screen.queryByTestId('lock-me-out')).toBeNull();
    (panel as HTMLDetailsElement).open = true;
    fireEvent(panel, new Event('toggle'));
    expect(await screen.findByTestId('lock-me-out')).toBeTruthy();
    expect(screen.getByLabelText('Account to lock')).toBeTruthy();
  });

  it('shows pending config with the time it takes effect', async () => {
    setupPopup(
      snapshot({
        pendingConfig: {
          effectiveAt: Date.UTC(2026, 10, 25, 23),
          changes: [{ path: 'rules.dailyRealizedLoss.limit', label: 'Daily loss limit', from: 500, to: 900 }],
        },
      }),
    );
    const banner = await screen.findByTestId('pending');
    expect(banner.textContent).toContain('Pending until 17:00 CT');
    expect(banner.textContent).toContain('Daily loss limit: 500 \u2192 900');
  });
});
