import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';

describe('memory journal', () => {
  it('numbers entries in order and filters by account, kind, time and sequence', async () => {
    const journal = createMemoryJournal();
    await journal.append({ at: 10, kind: 'decision', accountId: 1, message: 'a' });
    await journal.append({ at: 20, kind: 'action', accountId: 2, message: 'b' });
    await journal.append({ at: 30, kind: 'decision', accountId: 1, message: 'c' });
    expect((await journal.list()).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await journal.list({ accountId: 1 })).map((e) => e.message)).toEqual(['a', 'c']);
    expect((await journal.list({ kinds: ['action'] })).map((e) => e.message)).toEqual(['b']);
    expect((await journal.list({ from: 15, to: 25 })).map((e) => e.message)).toEqual(['b']);
    expect((await journal.list({ sinceSeq: 1, limit: 1 })).map((e) => e.message)).toEqual(['c']);
  });

  it('copies data on append, so later changes by the caller do not alter the record', async () => {
    const j = createMemoryJournal();
    const data = { realized: -10 };
    const first = await j.append({ at: 1, kind: 'decision', accountId: 7, message: 'a', data });
    data.realized = 0;
    expect(first.seq).toBe(1);
    expect(j.entries[0]?.data).toEqual({ realized: -10 });
  });
});
