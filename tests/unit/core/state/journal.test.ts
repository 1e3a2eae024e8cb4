import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/state/journal';

describe('memory journal (the Journal port for unit tests)', () => {
  it('appends with a sequence and filters like the IndexedDB journal', async () => {
    const j = createMemoryJournal();
    const data = { realized: -10 };
    const first = await j.append({ at: 1, kind: 'decision', accountId: 7, message: 'a', data });
    data.realized = 0;
    await j.append({ at: 2, kind: 'lockout', accountId: 8, message: 'b' });
    await j.append({ at: 3, kind: 'decision', accountId: 7, message: 'c' });
    expect(first.seq).toBe(1);
    expect(j.entries[0]?.data).toEqual({ realized: -10 });
    expect((await j.list({ accountId: 7 })).map((e) => e.message)).toEqual(['a', 'c']);
    expect((await j.list({ sinceSeq: 1, kinds: ['lockout'] })).map((e) => e.message)).toEqual(['b']);
    expect((await j.list({ from: 2, to: 3, limit: 1 })).map((e) => e.message)).toEqual(['c']);
  });
});
