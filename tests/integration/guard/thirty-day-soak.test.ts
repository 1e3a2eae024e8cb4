import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../src/core/gateway/enums';
import { createOrderManager } from '../../../src/core/gateway/order-manager';
import { createGuard } from '../../../src/core/guard/create-guard';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import type { DurableStore, StoreName } from '../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { fakeAccountApi } from '../../unit/core/gateway/fake-account-api';
import { offlineGuardDeps } from '../../unit/core/guard/offline-deps';

/**
 * Thirty trading days on an injected clock, in a few seconds: every day the guard sends what a
 * busy day makes it send (entries, a protective stop trailed 20 times, cancels, closes), then
 * the worker "restarts" after the 17:00 CT reset on the same store. What a start reads from
 * the store (its cost: the start-up time) and what the guard holds in memory must stay flat;
 * before pruning, every day's intents were read at every start and every order stayed in the
 * fill tracker for the worker's life.
 */
const DAY = 86_400_000;
const MNQ = 'CON.F.US.MNQ.Z26';

/** A store that counts the records a caller reads (one per get, one per row of getAll). */
function countingStore(inner: DurableStore & { dump(): Record<string, Record<string, unknown>> }) {
  let reads = 0;
  const store: DurableStore = {
    ...inner,
    async get<T>(name: StoreName, key: string) {
      reads++;
      return inner.get<T>(name, key);
    },
    async getAll<T>(name: StoreName) {
      const rows = await inner.getAll<T>(name);
      reads += rows.length;
      return rows;
    },
  };
  return { store, reads: () => reads, records: (name: StoreName) => Object.keys(inner.dump()[name] ?? {}).length };
}

/** Weekdays from Monday 2026-11-02, 10:00 Chicago (16:00 UTC). */
function tradingDays(n: number): number[] {
  const out: number[] = [];
  for (let t = Date.UTC(2026, 10, 2, 16, 0, 0); out.length < n; t += DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(t);
  }
  return out;
}

describe('thirty trading days', () => {
  it('keeps what a worker start reads, and the guard’s memory, flat', async () => {
    const counting = countingStore(createMemoryStore());
    const { store } = counting;
    const journal = createMemoryJournal();
    const fake = fakeAccountApi(7);
    let now = 0;
    const clock = { now: () => now };
    // The guard's order manager across the whole month (a worker that never stops).
    const orders = createOrderManager({
      api: fake.api,
      store,
      journal,
      clock,
      newId: randomUUID,
      backoffMs: () => 0,
      verifyDelaysMs: [],
    });

    const readsAtStart: number[] = [];
    const intentsStored: number[] = [];
    const trackedOrders: number[] = [];
    for (const morning of tradingDays(30)) {
      now = morning;
      for (let trade = 0; trade < 5; trade++) {
        now += 10 * 60_000;
        fake.setPosition(MNQ, 1);
        const stop = await orders.placeOrder({
          accountId: 7,
          contractId: MNQ,
          type: 4,
          side: 1,
          size: 1,
          stopPrice: 100,
        });
        if (stop.status !== 'done') throw new Error(`stop not placed: ${JSON.stringify(stop)}`);
        for (let move = 1; move <= 20; move++) {
          now += 15_000;
          await orders.modifyOrder({ accountId: 7, orderId: stop.orderId, stopPrice: 100 + move });
          orders.handleOrderUpdate({ ...(fake.orders.find((o) => o.id === stop.orderId) ?? fail()), fillVolume: 0 });
        }
        await orders.cancelOrder(7, stop.orderId);
        await orders.closePosition(7, MNQ);
        orders.handleOrderUpdate({ ...(fake.orders.find((o) => o.id === stop.orderId) ?? fail()), fillVolume: 0 });
      }
      // The fake gateway's own book stays small: only working orders.
      fake.orders.splice(0, fake.orders.length, ...fake.orders.filter((o) => o.status === OrderStatus.Open));

      // After the reset: a worker starts on the same store.
      now = morning + 8 * 3_600_000; // 18:00 CT
      const before = counting.reads();
      const guard = createGuard(offlineGuardDeps({ store, journal, clock }));
      await guard.start();
      await new Promise((r) => setTimeout(r, 20)); // its background reads (resume, pruning) land
      readsAtStart.push(counting.reads() - before);
      await guard.stop();
      intentsStored.push(counting.records('intents'));
      trackedOrders.push(orders.trackedOrders());
    }

    // The figures, for the report (the suite asserts flatness, never time).
    console.info(
      `30-day soak: records read at start day 1/10/30 = ${readsAtStart[0]}/${readsAtStart[9]}/${readsAtStart[29]}; ` +
        `intents stored ${intentsStored[0]}/${intentsStored[9]}/${intentsStored[29]}; ` +
        `orders tracked ${trackedOrders[0]}/${trackedOrders[9]}/${trackedOrders[29]}`,
    );
    const settled = (xs: number[]) => xs.slice(2); // after the first two days fill the window kept
    expect(Math.max(...settled(intentsStored))).toBeLessThanOrEqual(intentsStored[1] ?? 0);
    expect(Math.max(...settled(readsAtStart))).toBeLessThanOrEqual((readsAtStart[2] ?? 0) * 1.05);
    expect(Math.max(...settled(trackedOrders))).toBeLessThanOrEqual(trackedOrders[1] ?? 0);
  });
});

function fail(): never {
  throw new Error('the order is gone from the fake gateway');
}
