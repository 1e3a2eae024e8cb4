import type { Contract } from '../gateway/schemas';
import type { Clock, TimerHandle, Timers } from '../ports';
import type { Durability, DurableStore } from '../storage/durable-store';
import { type AccountState, createEmptyGuardState, type GuardState, type MarketPrice } from './account-state';
import type { GuardHealth } from './events';

/**
 * Saves the guard's state so a worker that Chrome stopped wakes up knowing the day's trades,
 * positions and orders. Events come in bursts (a fill brings order, trade and position
 * updates within milliseconds; quotes stream), so saving is batched: the first change arms a
 * timer, further changes only replace the pending state, and when the timer fires one
 * `putMany` (one transaction) writes what changed since the last save. It is a throttle, not
 * a debounce: a steady quote stream still gets saved every `flushMs`.
 *
 *   idle ──save()──▶ pending ──timer / flush()──▶ writing ──ok──▶ idle
 *                      ▲                            │ failed: keep pending, retry later
 *                      └────────────────────────────┘
 *
 * Layout (schema version STATE_SCHEMA_VERSION): `accounts/<id>` one AccountState each,
 * `contracts/<id>`, and `meta/state` = { schemaVersion, savedAt, accountIds, prices, health,
 * tradingDay }. Health is saved but not trusted on load (a new worker is not connected), nor
 * are old prices (see maxPriceAgeMs). Accounts and contracts the reducer did not touch keep their object identity,
 * so only changed ones are written. Size stays bounded: an AccountState holds only its
 * current day's trades (the reducer drops old days), and each record is overwritten in place.
 */
export const STATE_SCHEMA_VERSION = 1;
export const STATE_META_KEY = 'state';

/**
 * Forgets the accounts of another login (another gateway or user): they mean nothing to the
 * next one, and a remembered account would be subscribed on a hub that refuses it. The next
 * guard starts with no accounts and REST fills them in; lockouts, config, intents, contracts
 * and the journal stay.
 */
export async function forgetAccountState(store: DurableStore): Promise<void> {
  await store.delete('meta', STATE_META_KEY, { durability: 'strict' });
  await store.clear('accounts');
}

export interface StateSnapshotMeta {
  schemaVersion: number;
  savedAt: number;
  accountIds: string[];
  prices: Record<string, MarketPrice>;
  health: GuardHealth;
  tradingDay?: string;
}

export interface StatePersistenceOptions {
  store: DurableStore;
  timers: Timers;
  clock: Clock;
  flushMs?: number;
  /** Snapshots can be rebuilt by reconciliation: relaxed by default. */
  durability?: Durability;
  /** A failed write (it is retried) or an unreadable snapshot. Never carries state values. */
  onError?: (error: Error) => void;
  /**
   * Prices older than this at load time are dropped (default 60 s): after a worker restart an
   * old quote would give a wrong unrealized P&L, and rules must see "unknown" until a fresh
   * quote arrives instead of acting on it.
   */
  maxPriceAgeMs?: number;
}

export interface StatePersistence {
  /** Marks `state` as the newest; it is written at most `flushMs` later. */
  save(state: GuardState): void;
  /** Writes the pending state now (shutdown, tests); resolves once it is stored. */
  flush(): Promise<void>;
  load(): Promise<GuardState | undefined>;
  readonly stats: { flushes: number; records: number; failures: number };
}

export function createStatePersistence(options: StatePersistenceOptions): StatePersistence {
  const { store, timers, clock } = options;
  const flushMs = options.flushMs ?? 250;
  const durability = options.durability ?? 'relaxed';
  const report = (error: Error) => options.onError?.(error);
  const stats = { flushes: 0, records: 0, failures: 0 };

  let pending: GuardState | undefined;
  let saved: GuardState | undefined;
  let timer: TimerHandle | undefined;
  let writing: Promise<void> = Promise.resolve();

  const arm = (ms: number) => {
    if (timer !== undefined) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void flush().catch(() => undefined); // reported through onError; retried by writeOnce
    }, ms);
  };

  const writeOnce = async (): Promise<void> => {
    const state = pending;
    if (!state) return;
    pending = undefined;
    const writes = diff(saved, state, clock.now());
    try {
      await store.putMany(writes, { durability });
      saved = state;
      stats.flushes += 1;
      stats.records += writes.length;
    } catch (cause) {
      stats.failures += 1;
      pending ??= state; // a newer save() since then wins; otherwise retry this one
      arm(flushMs * 4);
      const error = new Error('saving the guard state failed; will retry', { cause });
      report(error);
      throw error;
    }
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    writing = writing.catch(() => undefined).then(writeOnce);
    return writing;
  };

  return {
    stats,
    save(state) {
      if (state === saved && pending === undefined) return;
      pending = state;
      arm(flushMs);
    },
    flush,
    async load() {
      const meta = await store.get<StateSnapshotMeta>('meta', STATE_META_KEY);
      if (!meta) return undefined;
      if (meta.schemaVersion !== STATE_SCHEMA_VERSION) {
        // Only version 1 exists; a newer one means a downgrade: start empty and let REST reconcile.
        report(new Error(`state snapshot has schema version ${meta.schemaVersion}, expected ${STATE_SCHEMA_VERSION}`));
        return undefined;
      }
      const wanted = new Set(meta.accountIds);
      const accounts: Record<string, AccountState> = {};
      for (const { key, value } of await store.getAll<AccountState>('accounts')) {
        if (!wanted.has(key)) continue;
        if (isAccountState(value)) accounts[key] = value;
        else report(new Error(`state snapshot: account record ${key} is malformed and was dropped`));
      }
      const contracts: Record<string, Contract> = {};
      for (const { key, value } of await store.getAll<Contract>('contracts')) contracts[key] = value;
      const now = clock.now();
      const maxAge = options.maxPriceAgeMs ?? 60_000;
      const prices: Record<string, MarketPrice> = {};
      for (const [id, price] of Object.entries(meta.prices ?? {})) {
        if (now - price.at <= maxAge) prices[id] = price;
      }
      // Whatever the hubs and token were before, a loaded guard has no connection yet: it is
      // blind from now, or from earlier if it already was blind when it stopped.
      const health = createEmptyGuardState(now).health;
      health.blindSince = Math.min(now, meta.health?.blindSince ?? now);
      const state: GuardState = { accounts, contracts, prices, health };
      if (meta.tradingDay !== undefined) state.tradingDay = meta.tradingDay;
      saved = state;
      return state;
    },
  };
}

/** The records that differ (by identity) from the last saved state, plus the meta record. */
function diff(
  saved: GuardState | undefined,
  state: GuardState,
  now: number,
): Array<{ store: 'accounts' | 'contracts' | 'meta'; key: string; value: unknown }> {
  const writes: Array<{ store: 'accounts' | 'contracts' | 'meta'; key: string; value: unknown }> = [];
  for (const [id, account] of Object.entries(state.accounts)) {
    if (saved?.accounts[id] !== account) writes.push({ store: 'accounts', key: id, value: account });
  }
  if (saved?.contracts !== state.contracts) {
    for (const [id, contract] of Object.entries(state.contracts)) {
      if (saved?.contracts[id] !== contract) writes.push({ store: 'contracts', key: id, value: contract });
    }
  }
  const meta: StateSnapshotMeta = {
    schemaVersion: STATE_SCHEMA_VERSION,
    savedAt: now,
    accountIds: Object.keys(state.accounts),
    prices: state.prices,
    health: state.health,
  };
  if (state.tradingDay !== undefined) meta.tradingDay = state.tradingDay;
  writes.push({ store: 'meta', key: STATE_META_KEY, value: meta });
  return writes;
}

function isAccountState(v: unknown): v is AccountState {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Partial<AccountState>;
  return (
    typeof a.account?.id === 'number' &&
    typeof a.tradingDay === 'string' &&
    typeof a.grossRealizedPnl === 'number' &&
    typeof a.fees === 'number' &&
    [a.positions, a.orders, a.trades, a.positionOpenedAt, a.versions].every((r) => typeof r === 'object' && r !== null)
  );
}
