import { describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../../src/core/ports';
import { NewerDatabaseError } from '../../../src/core/storage/idb-store';
import { reportStartFault, START_FAULT_NOTIFICATION, startFaultReason } from '../../../src/worker/start-fault';
import { createToolbar } from '../../../src/worker/toolbar';

describe('a guard that cannot start', () => {
  it('shows red ! with the reason on the toolbar and a notification that stays until seen', () => {
    const setTitle = vi.fn();
    const setBadgeText = vi.fn();
    const action = { setBadgeText, setBadgeBackgroundColor: vi.fn(), setTitle, setIcon: vi.fn() };
    const toolbar = createToolbar({ action, now: () => 0, timers: systemTimers });
    const create = vi.fn(async () => START_FAULT_NOTIFICATION);
    const error = new NewerDatabaseError('risk-guard', 3, 2, new Error('VersionError'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const dropCachedSnapshot = vi.fn(async () => undefined);
    reportStartFault(error, { toolbar, notifications: { create }, dropCachedSnapshot });

    expect(setBadgeText).toHaveBeenCalledWith({ text: '!' });
    expect(setTitle.mock.calls[0]?.[0].title).toMatch(
      /^Risk Guard cannot start: its data \(database "risk-guard", schema version 3\) was written by a newer version/,
    );
    expect(create).toHaveBeenCalledWith(
      START_FAULT_NOTIFICATION,
      expect.objectContaining({
        title: 'Risk Guard cannot start: your limits are NOT enforced',
        message: error.message,
        requireInteraction: true,
        priority: 2,
      }),
    );
    // The popup must not paint the last snapshot of a guard that no longer runs.
    expect(dropCachedSnapshot).toHaveBeenCalledTimes(1);
  });

  it('keeps a long reason short enough for a tooltip', () => {
    expect(startFaultReason(new Error('x'.repeat(1000)))).toHaveLength(300);
    expect(startFaultReason('plain words')).toBe('plain words');
  });
});
