// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LockMeOut } from '../../../../src/ui/components/LockMeOut';
import { NOW } from '../../messaging/snapshot-fixtures';
import { fakeClient } from '../fake-client';

afterEach(cleanup);

const END = NOW + 8 * 3_600_000; // 17:00 Chicago

function setup(answers: Parameters<typeof fakeClient>[0] = {}) {
  const f = fakeClient({
    previewLockMeOut: () => ({
      ok: true,
      message: 'TOPX-2: flattened now and locked until the end of the trading day',
      accountNames: ['TOPX-2'],
      endsAt: END,
    }),
    lockMeOut: () => ({ accepted: true, message: 'Locked: TOPX-2. It cannot be undone before it ends.' }),
    ...answers,
  });
  render(
    <LockMeOut
      client={f.client}
      accounts={[
        { id: 1, name: 'TOPX-1' },
        { id: 2, name: 'TOPX-2' },
      ]}
      groups={['copy']}
      now={() => NOW}
      idPrefix="t"
    />,
  );
  return f;
}

describe('lock me out', () => {
  it('asks the worker what would happen, and names the accounts, the end and that it cannot be undone before locking', async () => {
    const f = setup();
    fireEvent.change(screen.getByLabelText('Account to lock'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lock me out…' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(f.requests).toEqual([
      {
        type: 'previewLockMeOut',
        payload: { target: { type: 'account', accountId: 2 }, until: { type: 'end-of-day' } },
      },
    ]);
    expect(dialog.textContent).toContain('Lock TOPX-2 until');
    expect(dialog.textContent).toContain('17:00:00 CT');
    expect(dialog.textContent).toContain('in 8 h');
    const consequences = screen.getByTestId('lock-me-out-consequences').textContent ?? '';
    expect(consequences).toContain('every position on TOPX-2 is closed and every working order cancelled');
    expect(consequences).toContain('cannot be undone');
    expect(consequences).toContain('removing the extension is the one way out');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, lock me out' }));

    fireEvent.click(screen.getByRole('button', { name: 'Yes, lock me out' }));
    await screen.findByText(/Locked: TOPX-2/);
    expect(f.requests[1]).toEqual({
      type: 'lockMeOut',
      payload: { target: { type: 'account', accountId: 2 }, until: { type: 'end-of-day' }, endsAt: END, confirm: true },
    });
  });

  it('locks a group until the end of a session, or all accounts until a chosen time', async () => {
    const f = setup();
    fireEvent.change(screen.getByLabelText('Lock'), { target: { value: 'group' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: 'session' } });
    fireEvent.change(screen.getByLabelText('Session'), { target: { value: 'london' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lock me out…' }));
    await screen.findByRole('alertdialog');
    expect(f.requests[0]?.payload).toEqual({
      target: { type: 'group', name: 'copy' },
      until: { type: 'session', session: 'london' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.change(screen.getByLabelText('Lock'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: 'at' } });
    fireEvent.input(screen.getByLabelText('Ends at (your local time)'), { target: { value: '2026-11-25T20:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lock me out…' }));
    await screen.findByRole('alertdialog');
    expect(f.requests[1]?.payload).toEqual({
      target: { type: 'all' },
      until: { type: 'at', at: new Date('2026-11-25T20:30').getTime() },
    });
  });

  it('backs out with Cancel or Escape and locks nothing', async () => {
    const f = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Lock me out…' }));
    fireEvent.keyDown(await screen.findByRole('button', { name: 'Yes, lock me out' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(f.requests.map((r) => r.type)).toEqual(['previewLockMeOut']);
  });

  it('says why when the guard refuses (a time already passed), and asks for a time when none is chosen', async () => {
    setup({
      previewLockMeOut: () => ({
        ok: false,
        message: 'Not locked: the time chosen has already passed.',
        accountNames: [],
        endsAt: null,
      }),
    });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: 'at' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lock me out…' }));
    expect(await screen.findByText('Choose the time the lock ends.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Ends at (your local time)'), { target: { value: '2020-01-01T10:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lock me out…' }));
    await waitFor(() => expect(screen.getByText('Not locked: the time chosen has already passed.')).toBeTruthy());
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
