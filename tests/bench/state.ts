/**
 * State benchmark: 100k mixed, already-parsed DomainEvents (quotes, orders, trades,
 * positions across 20 accounts, ~5 % duplicates, one trading-day rollover) → reducer →
 * persistence (250 ms batches) on fake-indexeddb. Reports throughput and the heap after the
 * run; heap figures are after a forced GC when node runs with --expose-gc (npm run bench
 * does), else they include garbage and `state.gcExposed` is 0.
 */
// idb's wrap() tests values against the global IDBRequest/IDBTransaction classes: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { OrderSide, OrderStatus, OrderType, PositionType } from '../../src/core/gateway/enums';
import { systemClock, systemTimers } from '../../src/core/ports';
import { createEmptyGuardState, type GuardState } from '../../src/core/state/account-state';
import type { DomainEvent } from '../../src/core/state/events';
import { createStatePersistence } from '../../src/core/state/persistence';
import { reduce } from '../../src/core/state/reducer';
import { createTradingDayClock } from '../../src/core/state/trading-day';
import { openIdbStore } from '../../src/core/storage/idb-store';

const EVENTS = 100_000;
const ACCOUNTS = 20;
const CHUNK = 1_000;
const CONTRACTS = ['CON.F.US.MNQ.Z26', 'CON.F.US.EP.Z26', 'CON.F.US.ENQ.Z26', 'CON.F.US.MES.Z26'];
// 16:50 CST on a Wednesday: the run crosses the 17:00 reset after 600 s of simulated time.
const START = Date.parse('2026-11-25T22:50:00Z');
const STEP_MS = 10;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Deterministic event stream: the n-th event, with a small per-account memory. */
function createEventSource() {
  let orderId = 1;
  let tradeId = 1;
  const sizes = new Map<string, number>();
  let last: DomainEvent | undefined;
  return (n: number): DomainEvent => {
    const at = START + n * STEP_MS;
    const iso = new Date(at).toISOString();
    const roll = n % 20; // the kind of event
    const accountId = 1 + (Math.floor(n / 20) % ACCOUNTS); // every kind reaches every account
    const contractId = CONTRACTS[Math.floor(n / 7) % CONTRACTS.length] ?? 'CON.F.US.MNQ.Z26';
    let event: DomainEvent;
    if (last && roll === 19) {
      event = { ...last, receivedAt: at }; // a duplicate delivery
    } else if (roll < 10) {
      const price = 21_000 + (n % 97) * 0.25;
      event = { kind: 'quote', source: 'hub', receivedAt: at, contractId, quote: { lastPrice: price, timestamp: iso } };
    } else if (roll < 14) {
      const id = roll % 2 === 0 ? orderId++ : Math.max(1, orderId - 1);
      const status = roll % 2 === 0 ? OrderStatus.Open : OrderStatus.Filled;
      event = {
        kind: 'order',
        source: 'hub',
        receivedAt: at,
        order: {
          id,
          accountId,
          contractId,
          creationTimestamp: iso,
          updateTimestamp: iso,
          status,
          type: OrderType.Limit,
          side: OrderSide.Bid,
          size: 1,
          limitPrice: 21_000,
        },
      };
    } else if (roll < 17) {
      event = {
        kind: 'trade',
        source: 'hub',
        receivedAt: at,
        trade: {
          id: tradeId++,
          accountId,
          contractId,
          creationTimestamp: iso,
          price: 21_000,
          profitAndLoss: roll === 15 ? null : ((n % 41) - 20) * 5,
          fees: 0.37,
          side: OrderSide.Ask,
          size: 1,
          voided: n % 997 === 0,
          orderId: Math.max(1, orderId - 1),
        },
      };
    } else {
      const key = `${accountId}:${contractId}`;
      const size = ((sizes.get(key) ?? 0) + 1) % 4;
      sizes.set(key, size);
      event = {
        kind: 'position',
        source: 'hub',
        receivedAt: at,
        position: {
          id: accountId * 100 + (n % CONTRACTS.length),
          accountId,
          contractId,
          creationTimestamp: new Date(START).toISOString(),
          type: PositionType.Long,
          size,
          averagePrice: 21_000,
        },
      };
    }
    last = event;
    return event;
  };
}

export async function run(): Promise<Record<string, number>> {
  const store = await openIdbStore({ indexedDB: new IDBFactory(), name: 'bench-state' });
  const persistence = createStatePersistence({ store, timers: systemTimers, clock: systemClock, flushMs: 250 });
  const ctx = { tradingDay: createTradingDayClock() };
  const next = createEventSource();
  let state: GuardState = createEmptyGuardState(START);
  let changes = 0;

  const before = heapMb();
  const started = performance.now();
  for (let n = 0; n < EVENTS; n += CHUNK) {
    for (let i = n; i < Math.min(EVENTS, n + CHUNK); i++) {
      const r = reduce(state, next(i), ctx);
      if (r.changed) {
        state = r.state;
        changes += 1;
        persistence.save(state);
      }
    }
    // Yield like an event loop between hub messages, so batched saves run during the stream.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await persistence.flush();
  const seconds = (performance.now() - started) / 1000;
  const after = heapMb();
  store.close();

  const account = state.accounts[1];
  return {
    'state.eventsPerSec': Math.round(EVENTS / seconds),
    'state.heapMbAfter100k': Math.round(after * 10) / 10,
    'state.heapGrowthMb': Math.round((after - before) * 10) / 10,
    'state.changedEvents': changes,
    'state.flushes': persistence.stats.flushes,
    'state.recordsWritten': persistence.stats.records,
    'state.tradesKeptPerAccount': account ? Object.keys(account.trades).length : 0,
    'state.versionKeysPerAccount': account ? Object.keys(account.versions).length : 0,
    'state.gcExposed': typeof (globalThis as { gc?: unknown }).gc === 'function' ? 1 : 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((figures) => console.log(figures));
}
