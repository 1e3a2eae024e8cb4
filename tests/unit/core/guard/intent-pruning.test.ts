import { describe, expect, it } from 'vitest';
import type { IntentRecord } from '../../../../src/core/gateway/intent-store';
import { createOrderManager } from '../../../../src/core/gateway/order-manager';
import { createIntentPruning } from '../../../../src/core/guard/intent-pruning';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { fakeAccountApi } from '../gateway/fake-account-api';

// Wednesday 2026-11-25, 10:00 Chicago (16:00 UTC): today's trading day began Tue 17:00 CT.
const NOW = Date.UTC(2026, 10, 25, 16, 0, 0);
const HOUR = 3_600_000;

function intent(id: string, state: IntentRecord['state'], updatedAt: number): IntentRecord {
  return {
    id,
    action: { kind: 'cancel', accountId: 7, orderId: 1 },
    lane: 'enforcement',
    createdAt: updatedAt,
    updatedAt,
    attempts: 1,
    state,
    ...(state === 'resolved' ? { outcome: { status: 'done' as const } } : {}),
  };
}

async function setup() {
  const inner = createMemoryStore();
  let scans = 0;
  const store = {
    ...inner,
    getAll: <T>(name: Parameters<typeof inner.getAll>[0]) => {
      scans++;
      return inner.getAll<T>(name);
    },
  };
  let now = NOW;
  const clock = { now: () => now };
  const orders = createOrderManager({ api: fakeAccountApi().api, store, clock, newId: () => 'unused' });
  const pruning = createIntentPruning({ orders, clock, dayClock: () => createTradingDayClock() });
  const put = (r: IntentRecord) => store.put('intents', r.id, r);
  return { store, pruning, put, scans: () => scans, setNow: (t: number) => (now = t) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('intent pruning', () => {
  it('deletes resolved intents older than yesterday’s reset, keeps yesterday’s, today’s and every pending one', async () => {
    const s = await setup();
    const todayStart = Date.UTC(2026, 10, 24, 23, 0, 0); // Tue 17:00 CT
    await s.put(intent('today', 'resolved', NOW - HOUR));
    await s.put(intent('yesterday', 'resolved', todayStart - HOUR));
    await s.put(intent('two-days-ago', 'resolved', todayStart - 25 * HOUR));
    await s.put(intent('pending-old', 'pending', todayStart - 100 * HOUR));
    await s.store.put('intents', 'enforcement:7', { type: 'enforcement', accountId: 7, since: 0, desired: {} });
    s.pruning.onTick();
    await settle();
    const left = (await s.store.getAll<{ id?: string }>('intents')).map((r) => r.key).sort();
    expect(left).toEqual(['enforcement:7', 'pending-old', 'today', 'yesterday']);
  });

  it('scans the store once per trading day, however often the watchdog ticks', async () => {
    const s = await setup();
    for (let i = 0; i < 100; i++) s.pruning.onTick();
    await settle();
    expect(s.scans()).toBe(1);
    s.setNow(NOW + 24 * HOUR);
    s.pruning.onTick();
    await settle();
    expect(s.scans()).toBe(2);
  });
});
