import { describe, expect, it } from 'vitest';
import type { NewJournalEntry } from '../../../../src/core/journal/journal';
import { createPageHealth } from '../../../../src/worker/page/page-health';

describe('the guard’s hold on the TopstepX page (health)', () => {
  it('says "missing" while any trading tab cannot find the order entry, journaled once per page load', () => {
    let now = 1000;
    const journal: NewJournalEntry[] = [];
    let changes = 0;
    const h = createPageHealth({ now: () => now, journal: (e) => journal.push(e), onChange: () => changes++ });
    expect(h.view().orderEntry).toBe('unknown');
    h.report(1, 'load-a', 'recognised');
    expect(h.view()).toMatchObject({ orderEntry: 'recognised', since: 1000 });
    now = 2000;
    h.report(2, 'load-b', 'missing');
    h.report(2, 'load-b', 'recognised');
    h.report(2, 'load-b', 'missing');
    expect(h.view()).toMatchObject({ orderEntry: 'missing', since: 2000 });
    expect(journal).toHaveLength(1);
    expect(journal[0]?.message).toContain('order entry not recognised');
    // A reload is a new page load: journaled again.
    h.report(2, 'load-c', 'missing');
    expect(journal).toHaveLength(2);
    h.forgetTab(2);
    expect(h.view().orderEntry).toBe('recognised');
    expect(changes).toBeGreaterThan(0);
  });

  it('carries the network block’s status', () => {
    const h = createPageHealth({ now: () => 0 });
    h.setNetworkBlock({ active: true, failure: { message: 'refused', since: 5 } });
    expect(h.view().networkBlock).toEqual({ active: true, failure: { message: 'refused', since: 5 } });
  });
});
