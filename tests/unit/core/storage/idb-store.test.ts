import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDB_SCHEMA_VERSION, type Migration, migrations } from '../../../../src/core/storage/idb-migrations';
import { type IdbStore, NewerDatabaseError, openIdbStore } from '../../../../src/core/storage/idb-store';

const open: IdbStore[] = [];
async function openStore(options: Partial<Parameters<typeof openIdbStore>[0]> & { indexedDB: IDBFactory }) {
  const store = await openIdbStore(options);
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  vi.restoreAllMocks();
});

describe('IndexedDB durable store', () => {
  it('opens at the newest schema version with every store and the journal', async () => {
    const store = await openStore({ indexedDB: new IDBFactory() });
    expect(store.version).toBe(IDB_SCHEMA_VERSION);
    expect([...store.db.objectStoreNames].sort()).toEqual(
      [
        'accounts',
        'breakers',
        'config',
        'contracts',
        'deadlines',
        'intents',
        'journal',
        'limiter',
        'lockouts',
        'meta',
        'secrets',
      ].sort(),
    );
  });

  it('puts, gets, lists, deletes and clears values, as structured clones', async () => {
    const store = await openStore({ indexedDB: new IDBFactory() });
    const lockout = { accountId: 7, until: 1_700_000_000_000, reason: 'daily loss' };
    await store.put('lockouts', '7', lockout);
    lockout.until = 0;
    expect(await store.get('lockouts', '7')).toEqual({ accountId: 7, until: 1_700_000_000_000, reason: 'daily loss' });
    expect(await store.get('lockouts', 'nope')).toBeUndefined();
    await store.put('lockouts', '8', { accountId: 8 });
    expect(await store.getAll('lockouts')).toEqual([
      { key: '7', value: { accountId: 7, until: 1_700_000_000_000, reason: 'daily loss' } },
      { key: '8', value: { accountId: 8 } },
    ]);
    await store.delete('lockouts', '7');
    expect((await store.getAll('lockouts')).map((e) => e.key)).toEqual(['8']);
    await store.clear('lockouts');
    expect(await store.getAll('lockouts')).toEqual([]);
  });

  it('writes putMany across stores in one transaction: all land', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory });
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await store.putMany([
      { store: 'accounts', key: '7', value: { a: 1 } },
      { store: 'contracts', key: 'MNQ', value: { c: 1 } },
      { store: 'meta', key: 'state', value: { m: 1 } },
    ]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await store.get('meta', 'state')).toEqual({ m: 1 });
    expect(await store.get('accounts', '7')).toEqual({ a: 1 });
  });

  it('writes none of a putMany when one value cannot be stored', async () => {
    const store = await openStore({ indexedDB: new IDBFactory() });
    await expect(
      store.putMany([
        { store: 'accounts', key: '7', value: { a: 1 } },
        { store: 'meta', key: 'bad', value: { fn: () => 1 } },
      ]),
    ).rejects.toThrow(/IndexedDB putMany accounts,meta \(2 writes\) failed/);
    expect(await store.get('accounts', '7')).toBeUndefined();
  });

  it('opens strict transactions for strict writes, and relaxed ones for relaxed writes', async () => {
    const store = await openStore({ indexedDB: new IDBFactory() });
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await store.put('lockouts', '7', { until: 1 }, { durability: 'strict' });
    await store.putMany([{ store: 'intents', key: 'x', value: 1 }], { durability: 'strict' });
    await store.delete('lockouts', '7', { durability: 'strict' });
    await store.put('limiter', 'k', [1, 2], { durability: 'relaxed' });
    await store.put('meta', 'k', 1);
    expect(spy.mock.calls.map((c) => c[2])).toEqual([
      { durability: 'strict' },
      { durability: 'strict' },
      { durability: 'strict' },
      { durability: 'relaxed' },
      undefined,
    ]);
    const durabilities = spy.mock.results.map((r) => (r.value as IDBTransaction).durability);
    expect(durabilities).toEqual(['strict', 'strict', 'strict', 'relaxed', 'default']);
  });

  it('upgrades a version 1 database holding data to the newest version and keeps the data', async () => {
    const factory = new IDBFactory();
    const v1 = await openIdbStore({ indexedDB: factory, version: 1 });
    expect(v1.version).toBe(1);
    expect([...v1.db.objectStoreNames]).not.toContain('journal');
    await v1.put('lockouts', '7', { until: 123, reason: 'daily loss' });
    await v1.put('config', 'current', { rules: { maxContracts: 3 } });
    v1.close();

    const current = await openStore({ indexedDB: factory });
    expect(current.version).toBe(IDB_SCHEMA_VERSION);
    expect([...current.db.objectStoreNames]).toContain('journal');
    expect(await current.get('lockouts', '7')).toEqual({ until: 123, reason: 'daily loss' });
    expect(await current.get('config', 'current')).toEqual({ rules: { maxContracts: 3 } });
  });

  it('runs a data migration that awaits its requests, then the next step, in one upgrade', async () => {
    const factory = new IDBFactory();
    const base = await openIdbStore({ indexedDB: factory, migrations: migrations.slice(0, 1) });
    await base.put('config', 'current', { limit: 5 });
    base.close();
    const steps: Migration[] = [
      ...migrations.slice(0, 1),
      {
        version: 2,
        description: 'rename config key',
        async migrate(_db, tx) {
          const config = tx.objectStore('config');
          const value = await config.get('current');
          await config.put({ ...(value as object), renamed: true }, 'v2');
          await config.delete('current');
        },
      },
      { version: 3, description: 'add store', migrate: (db) => void db.createObjectStore('extra') },
    ];
    const upgraded = await openStore({ indexedDB: factory, migrations: steps });
    expect(upgraded.version).toBe(3);
    expect(await upgraded.get('config', 'v2')).toEqual({ limit: 5, renamed: true });
    expect(await upgraded.get('config', 'current')).toBeUndefined();
    expect([...upgraded.db.objectStoreNames]).toContain('extra');
  });

  it('aborts a failing migration whole: the open fails with the reason and the old data stays', async () => {
    const factory = new IDBFactory();
    const base = await openIdbStore({ indexedDB: factory, migrations: migrations.slice(0, 1) });
    await base.put('config', 'current', { limit: 5 });
    base.close();
    const broken: Migration[] = [
      ...migrations.slice(0, 1),
      {
        version: 2,
        description: 'fails',
        migrate: (db) => {
          db.createObjectStore('half-made');
          throw new Error('bad data in config');
        },
      },
    ];
    await expect(openIdbStore({ indexedDB: factory, migrations: broken })).rejects.toThrow(
      /migration to version 2 failed: bad data in config/,
    );
    const again = await openStore({ indexedDB: factory, migrations: migrations.slice(0, 1) });
    expect(again.version).toBe(1);
    expect([...again.db.objectStoreNames]).not.toContain('half-made');
    expect(await again.get('config', 'current')).toEqual({ limit: 5 });
  });

  it('refuses, loudly and without touching it, a database written by a newer version (a downgrade)', async () => {
    const factory = new IDBFactory();
    const newer: Migration[] = [
      ...migrations,
      {
        version: IDB_SCHEMA_VERSION + 1,
        description: 'a future store',
        migrate: (db) => void db.createObjectStore('future'),
      },
    ];
    const written = await openIdbStore({ indexedDB: factory, migrations: newer });
    await written.put('lockouts', '7', { until: 123, reason: 'daily loss' });
    await written.put('secrets', 'apiKey', { iv: [1, 2, 3], data: [4, 5, 6] });
    written.close();

    const failure = await openIdbStore({ indexedDB: factory }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NewerDatabaseError);
    expect((failure as Error).message).toBe(
      `data from a newer Risk Guard (schema ${IDB_SCHEMA_VERSION + 1}; this version reads ${IDB_SCHEMA_VERSION}): ` +
        'nothing changed, install the newer version',
    );
    // Start-up shows `name: message` in at most 160 characters.
    expect(`${(failure as Error).name}: ${(failure as Error).message}`.length).toBeLessThanOrEqual(160);

    const again = await openStore({ indexedDB: factory, migrations: newer });
    expect(again.version).toBe(IDB_SCHEMA_VERSION + 1);
    expect([...again.db.objectStoreNames]).toContain('future');
    expect(await again.get('lockouts', '7')).toEqual({ until: 123, reason: 'daily loss' });
    expect(await again.get('secrets', 'apiKey')).toEqual({ iv: [1, 2, 3], data: [4, 5, 6] });
  });

  it('rejects a schema version it has no migrations for', async () => {
    await expect(openIdbStore({ indexedDB: new IDBFactory(), version: 99 })).rejects.toThrow(/1\.\.2, got 99/);
  });

  it('steps aside (closes) when another context opens a newer version', async () => {
    const factory = new IDBFactory();
    const old = await openIdbStore({ indexedDB: factory, migrations: migrations.slice(0, 1) });
    const blocked = vi.fn();
    const newer = await openStore({ indexedDB: factory, onBlocked: blocked });
    expect(newer.version).toBe(2);
    await expect(old.get('config', 'x')).rejects.toThrow(/IndexedDB get config\/x failed/);
  });
});
