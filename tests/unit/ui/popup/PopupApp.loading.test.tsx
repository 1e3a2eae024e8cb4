// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../../src/ui/popup/PopupApp';
import { account, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { fakeClient } from '../fake-client';
import { clock, setupPopup } from './popup-fixture';

/** The popup before and between answers: skeleton, cached snapshot, pushed updates, a guard that does not answer. */
afterEach(cleanup);

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

  it('updates from pushed snapshots', async () => {
    const { push } = setupPopup();
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
    const f = setupPopup(failing);
    const alert = await screen.findByText(/Network block not in force as configured/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('1 of 14 rule(s) refused');
    f.push(snapshot({ page: { orderEntry: 'recognised', since: NOW, networkBlock: { active: true, failure: null } } }));
    await vi.waitFor(() => expect(screen.queryByText(/Network block not in force/)).toBeNull());
  });
});
