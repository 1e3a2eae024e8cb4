import { describe, expect, it } from 'vitest';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';
import {
  loadPending,
  loadResumable,
  type PendingEnforcement,
  persistSlot,
} from '../../../../src/core/enforce/pending-enforcements';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { createFullDisk } from '../storage/full-disk';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const ES = 'CON.F.US.EP.Z25';

const desired = (over: Partial<DesiredState> = {}): DesiredState => ({ ...emptyDesired(), ...over });
const flat = desired({ flat: true, causes: [{ ruleId: 'dailyRealizedLoss', action: 'flatten', reason: 'day loss' }] });
const record = (accountId: number, since: number, d: DesiredState = flat): PendingEnforcement => ({
  type: 'enforcement',
  accountId,
  since,
  desired: d,
});

/** A store with the given pending enforcements already written, as a worker that died left them. */
async function storeWith(...records: PendingEnforcement[]) {
  const store = createMemoryStore();
  for (const r of records) await store.put('intents', `enforcement:${r.accountId}`, r);
  return store;
}

describe('pending enforcements, on disk', () => {
  it('writes what is being driven merged with what arrived since, under enforcement:<account> in the intents store, with strict durability', async () => {
    const store = createMemoryStore();
    const writes: unknown[] = [];
    const watched: DurableStore = {
      ...store,
      put: (name, key, value, opts) => {
        writes.push({ name, key, opts });
        return store.put(name, key, value, opts);
      },
    };
    const current = desired({ positionMax: { [ES]: 1 } });
    const pending = desired({ blockedRoots: ['CL'] });
    await persistSlot(watched, { accountId: 7, since: T0, current, pending }, createMemoryJournal(), T0);
    expect(writes).toEqual([{ name: 'intents', key: 'enforcement:7', opts: { durability: 'strict' } }]);
    expect(store.dump().intents?.['enforcement:7']).toEqual(
      record(7, T0, desired({ positionMax: { [ES]: 1 }, blockedRoots: ['CL'] })),
    );
  });

  it('writes the target alone when nothing new arrived, and what arrived alone when nothing was being driven', async () => {
    const store = createMemoryStore();
    await persistSlot(store, { accountId: 1, since: T0, current: flat, pending: null }, createMemoryJournal(), T0);
    await persistSlot(store, { accountId: 2, since: T0, current: null, pending: flat }, createMemoryJournal(), T0);
    expect((await loadPending(store)).pending).toEqual([record(1, T0), record(2, T0)]);
  });

  it('deletes the record, strictly, once nothing is left to drive the account towards', async () => {
    const store = await storeWith(record(7, T0));
    const deletes: unknown[] = [];
    const watched: DurableStore = {
      ...store,
      delete: (name, key, opts) => {
        deletes.push({ name, key, opts });
        return store.delete(name, key, opts);
      },
    };
    await persistSlot(watched, { accountId: 7, since: T0, current: null, pending: null }, createMemoryJournal(), T0);
    expect(deletes).toEqual([{ name: 'intents', key: 'enforcement:7', opts: { durability: 'strict' } }]);
    expect(store.dump().intents).toEqual({});
  });

  it('never throws on a full disk: the enforcement goes on, and the journal says why it was not saved', async () => {
    const disk = createFullDisk(createMemoryStore(), createMemoryJournal());
    const journal = createMemoryJournal();
    disk.fill();
    await expect(
      persistSlot(disk.store, { accountId: 7, since: T0, current: flat, pending: null }, journal, T0 + 5),
    ).resolves.toBeUndefined();
    expect(journal.entries).toEqual([
      expect.objectContaining({
        at: T0 + 5,
        kind: 'error',
        accountId: 7,
        message: 'Could not save the pending enforcement; enforcing anyway',
        data: { error: 'The quota has been exceeded.' },
      }),
    ]);
  });

  it('says what a thrown non-Error was, in words', async () => {
    const journal = createMemoryJournal();
    const refusing: DurableStore = { ...createMemoryStore(), put: () => Promise.reject('disk gone') };
    await persistSlot(refusing, { accountId: 7, since: T0, current: flat, pending: null }, journal, T0);
    expect(journal.entries[0]?.data).toEqual({ error: 'disk gone' });
  });
});

describe('pending enforcements, read back', () => {
  it('reads only its own records of the intents store, never the order manager’s intents beside them', async () => {
    const store = await storeWith(record(7, T0));
    await store.put('intents', 'order:abc', { type: 'enforcement', accountId: 9, since: T0, desired: flat });
    expect(await loadPending(store)).toEqual({ pending: [record(7, T0)], malformed: [] });
  });

  it('lists a record it cannot read by its key and the fields that are wrong, and reads the others', async () => {
    const store = await storeWith(record(7, T0));
    await store.put('intents', 'enforcement:8', { type: 'enforcement', accountId: 8.5, since: 'x', desired: flat });
    await store.put('intents', 'enforcement:9', {
      ...record(9, T0),
      desired: { ...flat, stops: { [ES]: { side: 2 } } },
    });
    const { pending, malformed } = await loadPending(store);
    expect(pending).toEqual([record(7, T0)]);
    expect(malformed).toEqual([
      { key: 'enforcement:8', problem: 'accountId, since' },
      {
        key: 'enforcement:9',
        problem: `desired.stops.${ES}.contractId, desired.stops.${ES}.stopPrice, desired.stops.${ES}.size, desired.stops.${ES}.side`,
      },
    ]);
  });

  it('reads back every part of a target: sizes, limits in both countings, roots, orders, stops, causes, kept sizes', async () => {
    const full = desired({
      maxTotals: [
        { maxContracts: 3, counting: 'contracts' },
        { maxContracts: 20, counting: 'mini' },
      ],
      positionMax: { [ES]: 0 },
      blockedRoots: ['CL'],
      cancelOrderIds: [41, 42],
      stops: { [ES]: { contractId: ES, stopPrice: 4990.25, size: 2, side: 1 } },
      causes: [{ ruleId: 'maxContracts', action: 'reduce-total', reason: 'too many' }],
      keepOnly: { [ES]: 1 },
    });
    const store = await storeWith(record(7, T0, full));
    expect((await loadPending(store)).pending).toEqual([record(7, T0, full)]);
  });

  it('reads an unfinished enforcement exactly as release 0.1.0 wrote it: an update mid-flatten carries it on', async () => {
    // Verbatim from the previous-release fixture's IndexedDB (tests/e2e/update.spec.ts), dumped
    // while 0.1.0 was still flattening an account after a daily loss breach.
    const written = JSON.parse(
      '{"type":"enforcement","accountId":9100001,"since":1796427103930,"desired":{"flat":true,"maxTotals":[],' +
        '"positionMax":{},"blockedRoots":[],"cancelOrderIds":[],"stops":{},"causes":[{"ruleId":"dailyRealizedLoss",' +
        '"action":"flatten","reason":"Realized P&L -401.11 reached the daily loss limit 100"}]}}',
    ) as unknown;
    const store = createMemoryStore();
    await store.put('intents', 'enforcement:9100001', written);
    expect(await loadPending(store)).toEqual({ pending: [written], malformed: [] });
    const resumed = await loadResumable({
      store,
      journal: createMemoryJournal(),
      now: () => 1796427103930 + MINUTE,
      maxAgeMs: 30 * MINUTE,
      stillLocked: () => true,
    });
    expect(resumed).toEqual([written]);
  });

  it('refuses a record that is not an enforcement, or whose target is damaged', async () => {
    const store = createMemoryStore();
    const bad: Array<[string, unknown]> = [
      ['type', { ...record(1, T0), type: 'intent' }],
      ['desired.flat', { ...record(2, T0), desired: { ...flat, flat: 'yes' } }],
      [
        'desired.maxTotals.0.counting',
        { ...record(3, T0), desired: desired({ maxTotals: [{ maxContracts: 1, counting: 'lots' }] as never }) },
      ],
      ['desired.positionMax.x', { ...record(4, T0), desired: desired({ positionMax: { x: '1' } as never }) }],
      ['desired.blockedRoots.0', { ...record(5, T0), desired: desired({ blockedRoots: [1] as never }) }],
      ['desired.cancelOrderIds.0', { ...record(6, T0), desired: desired({ cancelOrderIds: ['1'] as never }) }],
      [
        'desired.causes.0.reason',
        { ...record(7, T0), desired: desired({ causes: [{ ruleId: 'a', action: 'flatten' }] as never }) },
      ],
    ];
    for (const [i, [, value]] of bad.entries()) await store.put('intents', `enforcement:${i}`, value);
    expect((await loadPending(store)).malformed.map((m) => m.problem)).toEqual(bad.map(([problem]) => problem));
  });
});

describe('what a waking worker resumes', () => {
  const HOUR = 60 * MINUTE;
  const wake = (store: DurableStore, journal = createMemoryJournal(), stillLocked = (_: number) => false) =>
    loadResumable({ store, journal, now: () => T0 + HOUR, maxAgeMs: HOUR, stillLocked });

  it('resumes an unfinished enforcement up to its age limit, the limit itself included', async () => {
    const store = await storeWith(record(1, T0), record(2, T0 + 30 * MINUTE));
    expect((await wake(store)).map((p) => p.accountId)).toEqual([1, 2]);
  });

  it('drops one older than that, deletes it and journals what it would have done: the rules decide again', async () => {
    const store = await storeWith(record(1, T0 - 1), record(2, T0));
    const journal = createMemoryJournal();
    expect((await wake(store, journal)).map((p) => p.accountId)).toEqual([2]);
    expect(Object.keys(store.dump().intents ?? {})).toEqual(['enforcement:2']);
    expect(journal.entries).toEqual([
      expect.objectContaining({
        at: T0 + HOUR,
        kind: 'enforcement',
        accountId: 1,
        message: 'Dropped a stale unfinished enforcement: flat, no working orders',
        data: { since: T0 - 1 },
      }),
    ]);
  });

  it('keeps an old one while its account is still locked: the same breach, still to be enforced', async () => {
    const store = await storeWith(record(1, T0 - HOUR), record(2, T0 - HOUR));
    expect((await wake(store, createMemoryJournal(), (id) => id === 2)).map((p) => p.accountId)).toEqual([2]);
  });

  it('journals a record it cannot read (lockouts still apply) and resumes the rest', async () => {
    const store = await storeWith(record(1, T0));
    await store.put('intents', 'enforcement:2', { type: 'enforcement' });
    const journal = createMemoryJournal();
    expect((await wake(store, journal)).map((p) => p.accountId)).toEqual([1]);
    expect(journal.entries).toEqual([
      expect.objectContaining({
        at: T0 + HOUR,
        kind: 'error',
        accountId: null,
        message: 'An unfinished enforcement could not be read; lockouts still apply',
        data: { key: 'enforcement:2', problem: 'accountId, since, desired' },
      }),
    ]);
  });

  it('on a full disk keeps the stale record for the next wake, and still resumes the rest', async () => {
    const disk = createFullDisk(await storeWith(record(1, T0 - HOUR), record(2, T0)), createMemoryJournal());
    disk.fill();
    expect((await wake(disk.store, disk.journal)).map((p) => p.accountId)).toEqual([2]);
    disk.free();
    expect((await loadPending(disk.store)).pending.map((p) => p.accountId)).toEqual([1, 2]);
  });
});
