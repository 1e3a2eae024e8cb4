// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../../src/ui/popup/PopupApp';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

afterEach(cleanup);
const clock = fixedClock(NOW);

function setup(snap = snapshot(), extra = {}) {
  const f = fakeClient({
    getSnapshot: () => snap,
    flattenAccount: () => ({ accepted: true, message: 'Flattening TOPX-50K-1' }),
    flattenAll: () => ({ accepted: true, message: 'Flattening all accounts' }),
    ...extra,
  });
  const openOptions = vi.fn();
  render(<PopupApp client={f.client} clock={clock} openOptions={openOptions} />);
  return { ...f, openOptions };
}

describe('popup', () => {
  it('renders a skeleton first, then the data', async () => {
    let resolve: (s: ReturnType<typeof snapshot>) => void = () => {};
    const f = fakeClient({ getSnapshot: () => new Promise((r) => (resolve = r)) });
    render(<PopupApp client={f.client} clock={clock} openOptions={() => {}} />);
    expect(screen.getByTestId('skeleton')).toBeTruthy();
    resolve(snapshot());
    await screen.findByText('TOPX-50K-1');
    expect(screen.queryByTestId('skeleton')).toBeNull();
  });

  it('uses the answer asked for before the view loaded instead of asking again', async () => {
    const f = fakeClient({ getSnapshot: () => new Promise(() => {}) });
    render(<PopupApp client={f.client} clock={clock} first={Promise.resolve(snapshot())} openOptions={() => {}} />);
    await screen.findByText('TOPX-50K-1');
    expect(f.requests.filter((r) => r.type === 'getSnapshot')).toEqual([]);
  });

  it('renders a cached snapshot at once, without the skeleton', () => {
    const f = fakeClient({ getSnapshot: () => new Promise(() => {}) });
    render(<PopupApp client={f.client} clock={clock} cached={snapshot()} openOptions={() => {}} />);
    expect(screen.queryByTestId('skeleton')).toBeNull();
    expect(screen.getByText('TOPX-50K-1')).toBeTruthy();
  });

  it('shows OK with word, P&L, contracts and each rule as a meter', async () => {
    setup();
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

  it('says in red, in guard health, when storage refuses writes (a full disk), and that the guard still enforces', async () => {
    setup(
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
    setup(snapshot({ storage: { state: 'ok', since: null, lastError: null, quota: false, failedWrites: 0 } }));
    await screen.findByText('TOPX-50K-1');
    expect(document.querySelector('[data-problem="storage"]')).toBeNull();
  });

  it('shows a failing rule as error, with what went wrong, next to the meters that still work', async () => {
    setup(
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

  it('offers Lock me out, folded away until opened', async () => {
    setup();
    const panel = await screen.findByTestId('lock-me-out-panel');
    expect(screen.queryByTestId('lock-me-out')).toBeNull();
    (panel as HTMLDetailsElement).open = true;
    fireEvent(panel, new Event('toggle'));
    expect(await screen.findByTestId('lock-me-out')).toBeTruthy();
    expect(screen.getByLabelText('Account to lock')).toBeTruthy();
  });

  it('shows a warning when a meter is near its limit', async () => {
    setup(snapshot({ accounts: [account({ status: 'warning', meters: [{ ...account().meters[0]!, value: 420 }] })] }));
    await screen.findByText('Warning');
    expect(screen.getByText(/near limit/)).toBeTruthy();
  });

  it('shows a cooldown with its countdown', async () => {
    setup(
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
    setup(
      snapshot({
        accounts: [
          account({
            status: 'locked',
            lockouts: [
              { kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'd', endsAt: Date.UTC(2026, 10, 25, 23) },
            ],
          }),
        ],
      }),
    );
    await screen.findByText('Locked');
    expect(screen.getByTestId('lockout').textContent).toContain('until 17:00 CT');
    expect(screen.getByTestId('countdown').textContent).toBe('8:00:00');
  });

  it('counts down on the guard’s clock when the guard runs shifted (local builds)', async () => {
    setup(
      snapshot({
        clockOffsetMs: 3 * 3_600_000,
        accounts: [
          account({
            status: 'locked',
            lockouts: [
              { kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'd', endsAt: Date.UTC(2026, 10, 25, 23) },
            ],
          }),
        ],
      }),
    );
    await screen.findByText('Locked');
    expect(screen.getByTestId('countdown').textContent).toBe('5:00:00');
  });

  it('counts down on the server’s time when the computer’s clock is set a day ahead, and says so', async () => {
    setup(
      snapshot({
        clockOffsetMs: -24 * 3_600_000,
        clock: { source: 'server', skewMs: 24 * 3_600_000, uncertaintyMs: 400 },
        accounts: [
          account({
            status: 'locked',
            // 17:00 CT on the server's day, which the computer's clock already shows as yesterday.
            lockouts: [
              { kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'd', endsAt: Date.UTC(2026, 10, 24, 23) },
            ],
          }),
        ],
      }),
    );
    await screen.findByText('Locked');
    expect(screen.getByTestId('countdown').textContent).toBe('8:00:00');
    expect(screen.getByTestId('clock-skew').textContent).toContain("Your computer's clock is 24 h ahead");
  });

  it('shows BLIND in an alert with the time it started', async () => {
    setup(snapshot({ health: healthy({ blindSince: NOW - 120_000 }) }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Guard: BLIND');
    expect(alert.textContent).toContain('since 08:58 CT (2 min)');
    expect(alert.textContent).toContain('blocked (fail-closed)');
  });

  it('shows Reconnecting while a hub reconnects', async () => {
    setup(
      snapshot({
        health: healthy({ market: { status: 'reconnecting', since: NOW - 4000, lastMessageAt: null, stale: false } }),
      }),
    );
    expect((await screen.findByText(/Guard: Reconnecting/)).textContent).toContain('Reconnecting');
  });

  it('asks for credentials when none are stored, with a way to Options', async () => {
    const { openOptions } = setup(snapshot({ accounts: [], credentials: { configured: false, userName: null } }));
    await screen.findByTestId('no-credentials');
    fireEvent.click(screen.getByRole('button', { name: 'Connect in Options' }));
    expect(openOptions).toHaveBeenCalledWith();
  });

  it('asks to re-enter the API key when the server refused it, with a way to Options', async () => {
    const { openOptions } = setup(snapshot({ health: healthy({ token: 'reenter-key', blindSince: NOW - 60_000 }) }));
    const alert = await screen.findByTestId('reenter-key');
    expect(alert.textContent).toContain('re-enter your API key');
    fireEvent.click(screen.getByRole('button', { name: 'Re-enter API key' }));
    expect(openOptions).toHaveBeenCalledWith();
  });

  it('does not ask for the key while it is valid', async () => {
    setup();
    await screen.findByText(/Guard: Connected/);
    expect(screen.queryByTestId('reenter-key')).toBeNull();
  });

  it('shows pending config with the time it takes effect', async () => {
    setup(
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

  it('flattens an account only after the confirm step', async () => {
    const { requests } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten TOPX-50K-1' }));
    expect(requests.filter((r) => r.type === 'flattenAccount')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, flatten' }));
    await screen.findByText('Flattening TOPX-50K-1');
    expect(requests.filter((r) => r.type === 'flattenAccount')).toEqual([
      { type: 'flattenAccount', payload: { accountId: 101, confirm: true } },
    ]);
  });

  it('backs out of a flatten with Cancel', async () => {
    const { requests } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten TOPX-50K-1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Yes, flatten' })).toBeNull();
    expect(requests.some((r) => r.type === 'flattenAccount')).toBe(false);
  });

  it('flattens all accounts after confirmation', async () => {
    const { requests } = setup(snapshot({ accounts: [account(), account({ id: 102, name: 'TOPX-50K-2' })] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten ALL accounts' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, flatten all' }));
    await screen.findByText('Flattening all accounts');
    expect(requests.filter((r) => r.type === 'flattenAll')).toEqual([
      { type: 'flattenAll', payload: { confirm: true } },
    ]);
  });

  it('shows a refused flatten as an error', async () => {
    setup(snapshot(), {
      flattenAccount: () => {
        throw new Error('guard busy');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Flatten TOPX-50K-1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, flatten' }));
    expect((await screen.findByText('guard busy')).className).toContain('rg-error');
  });

  it('updates from pushed snapshots', async () => {
    const { push } = setup();
    await screen.findByText('OK');
    push(
      snapshot({
        accounts: [
          account({ status: 'locked', lockouts: [{ kind: 'lockout', reason: 'r', ruleId: 'x', endsAt: NOW + 1000 }] }),
        ],
        generatedAt: NOW + 1,
      }),
    );
    await screen.findByText('Locked');
  });

  it('links to the options page and the journal', async () => {
    const { openOptions } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Journal' }));
    expect(openOptions).toHaveBeenCalledWith('journal');
  });

  it('says so over a cached snapshot too: what it shows may be stale', async () => {
    const f = fakeClient({
      getSnapshot: () => {
        throw new Error('getSnapshot failed: its data was written by a newer version of Risk Guard');
      },
    });
    render(<PopupApp client={f.client} clock={clock} cached={snapshot()} openOptions={() => {}} />);
    expect(screen.getByText('TOPX-50K-1')).toBeTruthy();
    expect((await screen.findByTestId('guard-error')).textContent).toBe(
      'Guard not answering: getSnapshot failed: its data was written by a newer version of Risk Guard',
    );
  });

  it('shows why the guard could not start, and the data once it has', async () => {
    const f = fakeClient({
      getSnapshot: () => {
        throw new Error('The guard could not start (attempt 1: UnknownError: disk). Trying again in 1 s.');
      },
    });
    render(<PopupApp client={f.client} clock={clock} openOptions={() => {}} />);
    expect((await screen.findByRole('alert')).textContent).toContain('could not start (attempt 1');
    f.push(snapshot());
    await screen.findByText(/Guard: Connected/);
    expect(screen.queryByText(/could not start/)).toBeNull();
  });

  it('says so when the guard does not answer', async () => {
    const f = fakeClient({});
    render(<PopupApp client={f.client} clock={clock} openOptions={() => {}} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Guard not answering');
  });
});

describe('popup cache', () => {
  it('paints a cached snapshot read asynchronously, and the live one replaces it', async () => {
    let resolve: (s: ReturnType<typeof snapshot>) => void = () => {};
    const f = fakeClient({ getSnapshot: () => new Promise((r) => (resolve = r)) });
    const cached = Promise.resolve(snapshot({ accounts: [account({ name: 'CACHED' })], generatedAt: NOW - 5000 }));
    render(<PopupApp client={f.client} clock={clock} cached={cached} openOptions={() => {}} />);
    await screen.findByText('CACHED');
    resolve(snapshot({ accounts: [account({ name: 'LIVE' })] }));
    await screen.findByText('LIVE');
    expect(screen.queryByText('CACHED')).toBeNull();
  });

  it('shows a failed network-block update in guard health, as an alert, and clears it when it recovers', async () => {
    const failing = snapshot({
      page: {
        orderEntry: 'recognised',
        since: NOW,
        networkBlock: { active: true, failure: { message: '1 of 14 rule(s) refused: block …', since: NOW - 2000 } },
      },
    });
    const f = setup(failing);
    const alert = await screen.findByText(/Network block not in force as configured/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('1 of 14 rule(s) refused');
    f.push(snapshot({ page: { orderEntry: 'recognised', since: NOW, networkBlock: { active: true, failure: null } } }));
    await vi.waitFor(() => expect(screen.queryByText(/Network block not in force/)).toBeNull());
  });
});
