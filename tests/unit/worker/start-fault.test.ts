import { describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../src/core/ports';
import { reportStartFault, startFaultReason } from '../../../src/worker/start-fault';
import type { StartupStatus } from '../../../src/worker/startup';
import { createToolbar } from '../../../src/worker/toolbar/toolbar';

const failed: StartupStatus = {
  state: 'failed',
  attempts: 2,
  error: 'NewerDatabaseError: data from a newer Risk Guard (schema 3; this version reads 2)',
  retryAt: 0,
};

function toolbarSpy() {
  const setTitle = vi.fn();
  const setBadgeText = vi.fn();
  const action = { setBadgeText, setBadgeBackgroundColor: vi.fn(), setTitle, setIcon: vi.fn() };
  return { setTitle, setBadgeText, toolbar: createToolbar({ action, now: () => 0, timers: systemTimers }) };
}

describe('a guard that cannot start', () => {
  it('shows red ! with the reason on the toolbar, and drops the snapshot the popup would paint', () => {
    const { toolbar, setBadgeText, setTitle } = toolbarSpy();
    const dropCachedSnapshot = vi.fn(async () => undefined);
    reportStartFault(failed, { toolbar, dropCachedSnapshot });
    expect(setBadgeText).toHaveBeenCalledWith({ text: '!' });
    expect(setTitle.mock.calls[0]?.[0].title).toBe(
      'Risk Guard cannot start: NewerDatabaseError: data from a newer Risk Guard (schema 3; this version reads 2) (attempt 2; it keeps trying)',
    );
    expect(dropCachedSnapshot).toHaveBeenCalledTimes(1);
  });

  it('does nothing while starting or once ready', () => {
    const { toolbar, setBadgeText } = toolbarSpy();
    reportStartFault({ state: 'starting', attempts: 0, error: null, retryAt: null }, { toolbar });
    reportStartFault({ state: 'ready', attempts: 0, error: null, retryAt: null }, { toolbar });
    expect(setBadgeText).not.toHaveBeenCalled();
    expect(startFaultReason({ ...failed, error: null })).toBe('unknown error (attempt 2; it keeps trying)');
  });
});
