import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { login, post, waitUntil } from './test-kit';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('retainHistoryMs (runs of days)', () => {
  it('forgets finished orders, trades and ledger entries older than the retention, keeps working orders and all-time sums', async () => {
    let now = Date.parse('2026-11-24T15:00:00Z');
    sim = await startSimulator({ priceTickMs: 0, now: () => now, retainHistoryMs: 1000 });
    const s = sim;
    const acct = s.demo.accountIds[0] ?? 0;
    const token = await login(s);
    s.market.setPrice(MNQ, 25_000);
    s.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 0, size: 1 });
    s.market.setPrice(MNQ, 25_010);
    s.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 1, size: 1 });
    const resting = s.trader.placeOrder(acct, { contractId: MNQ, type: 1, side: 0, size: 1, limitPrice: 24_000 });
    const before = s.ledger.truth(acct);
    expect(before.trades).toHaveLength(2);

    now += 60_000; // a minute later on the exchange's clock: everything above is history
    s.market.setPrice(MNQ, 25_020);
    s.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 0, size: 1 });
    const cut = s.ledger.entries()[0]?.seq ?? 0;
    await waitUntil(() => (s.ledger.entries()[0]?.seq ?? 0) > cut, 2000);

    const after = s.ledger.truth(acct);
    expect(after.realizedPnl).toBe(before.realizedPnl);
    expect(after.trades).toHaveLength(1);
    expect(after.orders.map((o) => o.id)).toEqual([resting, after.trades[0]?.orderId]);
    expect(after.openOrders.map((o) => o.id)).toEqual([resting]);
    expect(s.ledger.entries().every((e) => e.at === now)).toBe(true);
    expect(() => s.ledger.truth(acct, now - 60_000)).toThrow(RangeError);

    const from = new Date(now - 3_600_000).toISOString();
    const ids = async (path: string, body: object, key: string) => {
      const list = (await post(s, path, body, token)).json?.[key];
      return Array.isArray(list) ? list.map((x: { id: number }) => x.id) : list;
    };
    expect(await ids('/api/Trade/search', { accountId: acct, startTimestamp: from }, 'trades')).toEqual(
      after.trades.map((t) => t.id),
    );
    expect(await ids('/api/Order/search', { accountId: acct, startTimestamp: from }, 'orders')).toEqual(
      after.orders.map((o) => o.id),
    );
    expect(await ids('/api/Order/searchOpen', { accountId: acct }, 'orders')).toEqual([resting]);
    // Price ticks too: the three of a minute ago are gone, the last one (bars start from it) stays.
    const bars = await post(
      s,
      '/api/History/retrieveBars',
      {
        contractId: MNQ,
        live: false,
        startTime: new Date(now - 3_600_000).toISOString(),
        endTime: new Date(now + 1000).toISOString(),
        unit: 1,
        unitNumber: 1,
        limit: 100,
        includePartialBar: true,
      },
      token,
    );
    expect((bars.json?.bars as Array<{ c: number }> | undefined)?.map((b) => b.c)).toEqual([25_020]);
  });

  it('keeps an order that rested for days until it has been ended for the retention', async () => {
    let now = Date.parse('2026-11-24T15:00:00Z');
    sim = await startSimulator({ priceTickMs: 0, now: () => now, retainHistoryMs: 1000 });
    const s = sim;
    const acct = s.demo.accountIds[0] ?? 0;
    const token = await login(s);
    s.market.setPrice(MNQ, 25_000);
    const created = new Date(now - 1).toISOString();
    const resting = s.trader.placeOrder(acct, { contractId: MNQ, type: 1, side: 0, size: 1, limitPrice: 24_000 });
    now += 60_000; // it rested a minute (the retention is a second), then the trader cancels it
    s.trader.cancelOrder(acct, resting);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few prunes (every 100 ms here)
    const search = await post(s, '/api/Order/search', { accountId: acct, startTimestamp: created }, token);
    const orders = (search.json?.orders ?? []) as Array<{ id: number; status: number }>;
    expect(orders.map((o) => [o.id, o.status])).toEqual([[resting, 3]]);
    expect(s.ledger.truth(acct).orders.map((o) => o.id)).toEqual([resting]);
  });
});
