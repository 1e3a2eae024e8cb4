import { IDBKeyRange as FakeKeyRange, IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIdbJournal } from '../../../../src/core/journal/idb-journal';
import type { NewJournalEntry } from '../../../../src/core/journal/journal';
import { openIdbStore } from '../../../../src/core/storage/idb-store';

const T0 = Date.parse('2026-11-25T15:00:00Z');

function entry(i: number, over: Partial<NewJournalEntry> = {}): NewJournalEntry {
  return { at: T0 + i * 1000, kind: 'decision', accountId: 7, message: `entry ${i}`, ...over };
}

function journal(options: { maxEntries?: number; compactTo?: number } = {}) {
  return createIdbJournal({ indexedDB: new IDBFactory(), keyRange: FakeKeyRange, ...options });
}

describe('IndexedDB journal', () => {
  it('appends with increasing sequence numbers and lists in order', async () => {
    const j = journal();
    const a = await j.append(entry(1, { ruleId: 'daily-realized-loss', data: { realized: -510.5 } }));
    const b = await j.append(entry(2, { kind: 'lockout' }));
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(a).toEqual({ ...entry(1, { ruleId: 'daily-realized-loss', data: { realized: -510.5 } }), seq: a.seq });
    expect((await j.list()).map((e) => e.message)).toEqual(['entry 1', 'entry 2']);
  });

  it('filters by sequence, time, account and kind, and limits to the newest', async () => {
    const j = journal();
    for (let i = 1; i <= 10; i++) {
      await j.append(entry(i, { accountId: i % 2 === 0 ? 8 : 7, kind: i % 3 === 0 ? 'action' : 'decision' }));
    }
    const all = await j.list();
    expect((await j.list({ sinceSeq: all[6]!.seq })).map((e) => e.message)).toEqual(['entry 8', 'entry 9', 'entry 10']);
    expect((await j.list({ from: T0 + 3000, to: T0 + 5000 })).map((e) => e.message)).toEqual([
      'entry 3',
      'entry 4',
      'entry 5',
    ]);
    expect((await j.list({ accountId: 8, kinds: ['action'] })).map((e) => e.message)).toEqual(['entry 6']);
    expect((await j.list({ accountId: 7, limit: 2 })).map((e) => e.message)).toEqual(['entry 7', 'entry 9']);
    expect((await j.list({ limit: 3 })).map((e) => e.message)).toEqual(['entry 8', 'entry 9', 'entry 10']);
    expect((await j.list({ from: T0 + 9000 })).map((e) => e.message)).toEqual(['entry 9', 'entry 10']);
    expect((await j.list({ to: T0 + 1000 })).map((e) => e.message)).toEqual(['entry 1']);
  });

  it('lists entries without an account (connection changes) when no account is asked for', async () => {
    const j = journal();
    await j.append(entry(1, { accountId: null, kind: 'connection', message: 'user hub connected' }));
    expect(await j.list({ accountId: 7 })).toEqual([]);
    expect((await j.list({ kinds: ['connection'] }))[0]?.message).toBe('user hub connected');
  });

  it('compacts the oldest entries down to compactTo once it grows past maxEntries', async () => {
    const j = journal({ maxEntries: 20, compactTo: 15 });
    for (let i = 1; i <= 20; i++) await j.append(entry(i));
    expect(await j.count()).toBe(20);
    await j.append(entry(21));
    expect(await j.count()).toBe(15);
    const kept = await j.list();
    expect(kept.map((e) => e.message)).toEqual(Array.from({ length: 15 }, (_, i) => `entry ${i + 7}`));
    // Sequence numbers keep counting up after compaction.
    const next = await j.append(entry(22));
    expect(next.seq).toBeGreaterThan(kept.at(-1)!.seq);
  });

  it('stays bounded across thousands of appends', async () => {
    const j = journal({ maxEntries: 100, compactTo: 60 });
    for (let i = 1; i <= 1000; i++) {
      await j.append(entry(i));
      expect(await j.count()).toBeLessThanOrEqual(100);
    }
    const kept = await j.list();
    expect(kept.at(-1)?.message).toBe('entry 1000');
    expect(kept.length).toBeGreaterThanOrEqual(60);
  });

  it('counts entries already stored by an earlier worker before compacting', async () => {
    const factory = new IDBFactory();
    const store = await openIdbStore({ indexedDB: factory });
    const first = createIdbJournal({ db: store.db, keyRange: FakeKeyRange, maxEntries: 10, compactTo: 5 });
    for (let i = 1; i <= 8; i++) await first.append(entry(i));
    const second = createIdbJournal({ db: store.db, keyRange: FakeKeyRange, maxEntries: 10, compactTo: 5 });
    await second.append(entry(9));
    await second.append(entry(10));
    expect(await second.count()).toBe(10);
    await second.append(entry(11));
    expect(await second.count()).toBe(5);
    store.close();
  });

  it('redacts secrets and stores data that structured clone would reject', async () => {
    const j = journal();
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const stored = await j.append(
      entry(1, {
        kind: 'auth',
        data: {
          token: 'eyJhbGciOi...',
          apiKey: 'k',
          nested: { Authorization: 'Bearer x' },
          fn: () => 1,
          n: 10n,
          circular,
        },
      }),
    );
    expect(stored.data).toEqual({
      token: '[redacted]',
      apiKey: '[redacted]',
      nested: { Authorization: '[redacted]' },
      n: '10',
      circular: { a: 1, self: '[circular]' },
    });
    const [listed] = await j.list();
    expect(JSON.stringify(listed)).not.toContain('eyJ');
  });

  it('rejects compaction settings that could not bound it', () => {
    expect(() => journal({ maxEntries: 10, compactTo: 10 })).toThrow(/compactTo/);
    expect(() => createIdbJournal({})).toThrow(/needs a db or an indexedDB/);
  });

  it('uses the global IDBKeyRange when none is given', async () => {
    const j = createIdbJournal({ indexedDB: new IDBFactory() });
    await j.append(entry(1));
    await j.append(entry(2, { accountId: 8 }));
    expect((await j.list({ accountId: 8 })).map((e) => e.message)).toEqual(['entry 2']);
  });

  it('keeps dates, errors and non-finite numbers readable in data', async () => {
    const j = journal();
    const stored = await j.append(
      entry(1, { data: { when: new Date(T0), error: new TypeError('boom'), ratio: Number.NaN, list: [1, undefined] } }),
    );
    expect(stored.data).toEqual({
      when: '2026-11-25T15:00:00.000Z',
      error: { name: 'TypeError', message: 'boom' },
      ratio: 'NaN',
      list: [1, null],
    });
  });
});
