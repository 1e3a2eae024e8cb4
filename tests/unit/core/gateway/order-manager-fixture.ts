import type { PlaceOrderRequest } from '../../../../src/core/gateway/api';
import type { IntentRecord } from '../../../../src/core/gateway/intent-store';
import { createOrderManager, type OrderManagerOptions } from '../../../../src/core/gateway/order-manager';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { fakeAccountApi } from './fake-account-api';

/** Shared setup for the order manager suites: a manager over a fake account API and a memory store. */

export const MNQ = 'CON.F.US.MNQ.Z25';
export const ACCOUNT = 7;
export const marketBuy: PlaceOrderRequest = { accountId: ACCOUNT, contractId: MNQ, type: 2, side: 0, size: 1 };

export function setup(overrides: Partial<OrderManagerOptions> = {}, shared?: { store?: DurableStore }) {
  const fake = fakeAccountApi(ACCOUNT);
  const store = shared?.store ?? createMemoryStore();
  const journal = createMemoryJournal();
  let n = 0;
  const make = (extra: Partial<OrderManagerOptions> = {}) =>
    createOrderManager({
      api: fake.api,
      store,
      journal,
      clock: { now: () => Date.parse('2026-11-25T15:00:00Z') },
      newId: () => `i${++n}`,
      backoffMs: () => 0,
      ...overrides,
      ...extra,
    });
  return { fake, store, journal, manager: make(), make };
}

export async function intents(store: DurableStore): Promise<IntentRecord[]> {
  return (await store.getAll<IntentRecord>('intents')).map((r) => r.value);
}
