import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createSecretVault } from '../../../../src/core/auth/secret-vault';
import { createSessionStore } from '../../../../src/core/auth/session-store';
import { createIntentStore, type IntentRecord } from '../../../../src/core/gateway/intent-store';
import { createConfigHolder } from '../../../../src/core/guard/config-holder';
import { createIdbJournal } from '../../../../src/core/journal/idb-journal';
import { createMemoryJournal, type Journal } from '../../../../src/core/journal/journal';
import { createLockoutBook } from '../../../../src/core/lockouts/lockout-book';
import type { Clock } from '../../../../src/core/ports';
import { systemTimers } from '../../../../src/core/ports';
import { Lane } from '../../../../src/core/resilience/lanes';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import { createStatePersistence } from '../../../../src/core/state/persistence';
import { IDB_SCHEMA_VERSION, JOURNAL_STORE, migrations } from '../../../../src/core/storage/idb-migrations';
import { type IdbStore, openIdbStore } from '../../../../src/core/storage/idb-store';
import { account, ev, mnq, run } from '../state/fixtures';

/**
 * Every migration, from every earlier schema version, with data in every store.
 *
 * A database at version v is filled the way the guard fills it: through the real writers
 * (config holder with a pending loosening, lockout book, intent store, secret vault and session
 * store, state persistence, journal) for the stores that exist at v, raw records of their
 * persisted shape for the limiter and breakers. Then the newest build opens it: every record is
 * still there byte for byte, and the real readers load it (the key decrypts, the loosening is
 * still pending, the lockout still locks).
 *
 * When a migration changes a record's format, the seed for the versions before it must write
 * the OLD format (a frozen record), not today's writer's.
 */

const T0 = Date.UTC(2026, 10, 25, 15, 0, 0); // 09:00 Chicago
const NEXT_RESET = Date.UTC(2026, 10, 25, 23, 0, 0); // 17:00 Chicago
const clock: Clock = { now: () => T0 };
const API_KEY = 'k3y-0f-the-tr4der';
const BOUND_TO = 'https://api.topstepx.com|https://rtc.topstepx.com|https://rtc.topstepx.com';

const intent: IntentRecord = {
  id: 'flatten:1:CON.F.US.MNQ.Z26:abc',
  action: { kind: 'close', accountId: 1, contractId: 'CON.F.US.MNQ.Z26' },
  lane: Lane.Enforcement,
  createdAt: T0,
  updatedAt: T0,
  attempts: 1,
  state: 'pending',
};

function calendar() {
  return { nextReset: (ms: number) => (ms < NEXT_RESET ? NEXT_RESET : NEXT_RESET + 86_400_000) };
}

function journalFor(store: IdbStore): Journal {
  return store.db.objectStoreNames.contains(JOURNAL_STORE) ? createIdbJournal({ db: store.db }) : createMemoryJournal();
}

/** What the guard writes in a day: as the real modules write it, into the stores version `store.version` has. */
async function seed(store: IdbStore): Promise<void> {
  const journal = journalFor(store);
  const config = createConfigHolder({ store, clock, journal });
  await config.load();
  const tight = defaultConfig();
  tight.defaultProfile.rules.dailyRealizedLoss = {
    ...tight.defaultProfile.rules.dailyRealizedLoss,
    mode: 'enforce',
    limit: 100,
  };
  await config.save(tight, NEXT_RESET);
  const loose = structuredClone(tight);
  loose.defaultProfile.rules.dailyRealizedLoss.limit = 500;
  await config.save(loose, NEXT_RESET);

  const book = createLockoutBook({ store, clock, journal, tradingDay: calendar() });
  await book.load();
  await book.add({
    accountId: 1,
    ruleId: 'dailyRealizedLoss',
    reason: 'Daily loss limit reached',
    spec: { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
  });

  await createIntentStore(store).save(intent);

  const session = createSessionStore(createSecretVault({ store, subtle: globalThis.crypto.subtle }), BOUND_TO);
  await session.saveCredentials({ userName: 'trader1', apiKey: API_KEY });
  await session.saveToken({ token: 'session.jwt.token', expiresAt: T0 + 3_600_000 });

  const persistence = createStatePersistence({ store, timers: systemTimers, clock });
  persistence.save(run([ev.account(account(1)), ev.contract(mnq)]).state);
  await persistence.flush();

  await store.put('limiter', 'routine', { sent: [T0 - 1000, T0 - 500], pausedUntil: 0 });
  await store.put('breakers', 'rest', { state: 'closed', consecutiveFailures: 1, openedAt: null });
  await store.put('deadlines', 'lockout-expiry', { at: NEXT_RESET });
  await store.put('meta', 'gateway', { kind: 'topstepx' });

  await journal.append({ at: T0, kind: 'connection', accountId: 1, message: 'seeded' });
}

/** Every record of every store, keyed by store, ArrayBuffers as byte arrays, CryptoKeys by their type. */
async function dump(store: IdbStore, names: readonly string[]): Promise<Record<string, Array<[unknown, unknown]>>> {
  const plain = (v: unknown): unknown => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return Array.from(new Uint8Array(v as ArrayBuffer));
    if (v instanceof CryptoKey) return { cryptoKey: v.type, algorithm: v.algorithm, usages: v.usages };
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  const out: Record<string, Array<[unknown, unknown]>> = {};
  for (const name of names) {
    const tx = store.db.transaction(name, 'readonly');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
    out[name] = keys.map((k, i) => [k, plain(values[i])]);
  }
  return out;
}

describe('IndexedDB migrations', () => {
  it('are numbered 1..N without gaps, and N is the schema version the guard opens', () => {
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: IDB_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  const earlier = Array.from({ length: IDB_SCHEMA_VERSION - 1 }, (_, i) => i + 1);
  it.each(earlier)('upgrade a version %i database with data in every store, losing nothing', async (from) => {
    const factory = new IDBFactory();
    const old = await openIdbStore({ indexedDB: factory, version: from });
    await seed(old);
    const names = [...old.db.objectStoreNames];
    const before = await dump(old, names);
    // Data in it: every store of that version holds at least one record.
    for (const name of names) expect(before[name]?.length, `store ${name} at version ${from}`).toBeGreaterThan(0);
    old.close();

    const current = await openIdbStore({ indexedDB: factory });
    expect(current.version).toBe(IDB_SCHEMA_VERSION);
    expect(await dump(current, names)).toEqual(before);

    // And the guard's own readers load it.
    const journal = journalFor(current);
    const config = createConfigHolder({ store: current, clock, journal });
    await config.load();
    expect(config.active().defaultProfile.rules.dailyRealizedLoss).toMatchObject({ mode: 'enforce', limit: 100 });
    expect(config.pending()?.config.defaultProfile.rules.dailyRealizedLoss.limit).toBe(500);
    expect(config.pending()?.effectiveAt).toBe(NEXT_RESET);

    const book = createLockoutBook({ store: current, clock, journal, tradingDay: calendar() });
    await book.load();
    expect(book.isLocked(1, T0)).toBe(true);
    expect(book.nextExpiry()).toBe(NEXT_RESET);

    expect(await createIntentStore(current).pending()).toEqual([intent]);

    const session = createSessionStore(
      createSecretVault({ store: current, subtle: globalThis.crypto.subtle }),
      BOUND_TO,
    );
    expect(await session.loadCredentials()).toEqual({ userName: 'trader1', apiKey: API_KEY });
    expect(await session.loadToken()).toEqual({ token: 'session.jwt.token', expiresAt: T0 + 3_600_000 });

    const state = await createStatePersistence({ store: current, timers: systemTimers, clock }).load();
    expect(Object.keys(state?.accounts ?? {})).toEqual(['1']);

    // The journal: kept when the old version had one, and usable (new entries append) either way.
    const upgradedJournal = createIdbJournal({ db: current.db });
    await upgradedJournal.append({ at: T0 + 1, kind: 'connection', accountId: null, message: 'after the upgrade' });
    const messages = (await upgradedJournal.list({})).map((e) => e.message);
    expect(messages).toContain('after the upgrade');
    if (names.includes(JOURNAL_STORE)) expect(messages).toContain('seeded');
    current.close();
  });
});
