import { describe, expect, it } from 'vitest';
import { change, config } from './lock-fixtures';

/** Which accounts the guard watches, under the commitment lock: watching fewer waits, watching more does not. */

describe('commitment lock: the monitored accounts', () => {
  it('keeps watching every account until the reset when the trader narrows it to a list', () => {
    const r = change(config({}), config({ monitoredAccountIds: [1] }));
    expect(r.active.monitoredAccountIds).toBe('all');
    expect(r.pending?.changes).toEqual([{ path: 'monitoredAccountIds', from: 'all', to: [1], kind: 'loosen' }]);
  });

  it('watches every account at once when the trader widens a list to all', () => {
    const r = change(config({ monitoredAccountIds: [1] }), config({}));
    expect(r.active.monitoredAccountIds).toBe('all');
    expect(r.pending).toBeNull();
    expect(r.changes).toEqual([{ path: 'monitoredAccountIds', from: [1], to: 'all', kind: 'tighten' }]);
  });
});
