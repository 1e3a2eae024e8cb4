import { describe, expect, it } from 'vitest';
import { createLedger } from '../../simulator/ledger';

const account = { id: 1, name: 'A', balance: 100, canTrade: true, isVisible: true, simulated: true };
const order = (id: number, status: number, customTag: string | null = null) => ({
  id,
  accountId: 1,
  contractId: 'C',
  creationTimestamp: 't',
  status,
  type: 2,
  side: 0,
  size: 1,
  customTag,
});

const trade = (
  id: number,
  profitAndLoss: number | null,
  options: { voided?: boolean; fees?: number; commissions?: number } = {},
) => ({
  id,
  accountId: 1,
  contractId: 'C',
  creationTimestamp: 't',
  price: 1,
  profitAndLoss,
  fees: options.fees ?? 0.5,
  commissions: options.commissions ?? 0.25,
  side: 0,
  size: 1,
  voided: options.voided ?? false,
  orderId: id,
});
const position = (size: number) => ({
  id: 1,
  accountId: 1,
  contractId: 'C',
  creationTimestamp: 't',
  type: 1,
  size,
  averagePrice: 1,
});

describe('ledger', () => {
  it('replays the truth now and at an earlier time, latest order version wins', () => {
    let t = 0;
    const l = createLedger(() => t);
    l.append({ type: 'account', accountId: 1, account });
    l.append({ type: 'order', accountId: 1, order: order(7, 1, 'tag'), via: 'api' });
    t = 10;
    l.append({ type: 'order', accountId: 1, order: order(7, 2, 'tag'), via: 'engine' });
    l.append({ type: 'balance', accountId: 1, balance: 90 });
    expect(l.truth(1, 5)).toMatchObject({ account: { balance: 100 }, openOrders: [{ id: 7, status: 1 }] });
    expect(l.truth(1)).toMatchObject({ account: { balance: 90 }, openOrders: [], orders: [{ id: 7, status: 2 }] });
    expect(l.ordersWithTag(1, 'tag')).toEqual([expect.objectContaining({ id: 7, status: 2 })]);
    expect(l.ordersWithTag(2, 'tag')).toEqual([]);
    expect(() => l.truth(99)).toThrow();
  });

  it('reports only close requests that asked for more than was open', () => {
    const l = createLedger(() => 0);
    const base = { type: 'close-request', accountId: 1, contractId: 'C' } as const;
    l.append({ ...base, requestedSize: 2, openSizeBefore: 3, applied: true });
    l.append({ ...base, requestedSize: 'all', openSizeBefore: 0, applied: false });
    l.append({ ...base, requestedSize: 4, openSizeBefore: 3, applied: false });
    expect(l.overCloses().map((e) => e.requestedSize)).toEqual([4]);
    expect(l.entries({ type: 'close-request', sinceSeq: 1 })).toHaveLength(2);
  });

  it('replaces a trade seen again (voided) in its first place and leaves it out of P&L and fees', () => {
    const l = createLedger(() => 0);
    l.append({ type: 'account', accountId: 1, account });
    l.append({ type: 'trade', accountId: 1, trade: trade(1, null) });
    l.append({ type: 'trade', accountId: 1, trade: trade(2, -30) });
    l.append({ type: 'trade', accountId: 1, trade: trade(3, 10) });
    l.append({ type: 'trade', accountId: 1, trade: trade(2, -30, { voided: true }) });
    const t = l.truth(1);
    expect(t.trades.map((x) => [x.id, x.voided])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(t.realizedPnl).toBe(10);
    expect(t.fees).toBe(1);
  });

  it('hands out copies: changing a returned entry does not change the truth', () => {
    const l = createLedger(() => 0);
    l.append({ type: 'account', accountId: 1, account });
    const [e] = l.entries();
    if (e?.type === 'account') e.account.balance = 1;
    expect(l.truth(1).account.balance).toBe(100);
  });

  it('keeps a truth as it was taken, even when its order list is first read after more entries', () => {
    const l = createLedger(() => 0);
    l.append({ type: 'account', accountId: 1, account });
    l.append({ type: 'order', accountId: 1, order: order(7, 1), via: 'trader' });
    const before = l.truth(1);
    l.append({ type: 'order', accountId: 1, order: order(7, 2), via: 'engine' });
    l.append({ type: 'order', accountId: 1, order: order(8, 1), via: 'trader' });
    expect(before.orders.map((o) => [o.id, o.status])).toEqual([[7, 1]]);
    expect(l.truth(1).orders.map((o) => [o.id, o.status])).toEqual([
      [7, 2],
      [8, 1],
    ]);
  });

  it('filters entries by account, type and sequence together', () => {
    const l = createLedger(() => 0);
    l.append({ type: 'account', accountId: 1, account });
    l.append({ type: 'account', accountId: 2, account: { ...account, id: 2 } });
    for (let i = 0; i < 4; i++) {
      l.append({ type: 'balance', accountId: 1 + (i % 2), balance: i });
      l.append({ type: 'order', accountId: 1 + (i % 2), order: order(i, 1), via: 'trader' });
    }
    const seqs = (f: Parameters<typeof l.entries>[0]) => l.entries(f).map((e) => e.seq);
    expect(seqs({ accountId: 2 })).toEqual([2, 5, 6, 9, 10]);
    expect(seqs({ type: 'order' })).toEqual([4, 6, 8, 10]);
    expect(seqs({ accountId: 1, type: 'balance', sinceSeq: 3 })).toEqual([7]);
    expect(seqs({ sinceSeq: 8 })).toEqual([9, 10]);
    expect(seqs({ accountId: 3 })).toEqual([]);
    expect(l.lastSeq()).toBe(10);
    expect(l.entries({ sinceSeq: l.lastSeq() })).toEqual([]);
  });

  it('keeps append and truth flat over a million entries (work counted, not timed)', () => {
    let t = 0;
    const l = createLedger(() => t);
    l.append({ type: 'account', accountId: 1, account });
    l.append({ type: 'account', accountId: 2, account: { ...account, id: 2 } });
    // A day of a busy account in ten entries: an order placed and filled, its trade, the
    // position and the balance, a resting limit placed, and four balance changes of account 2.
    let orders = 0;
    const tenEntries = () => {
      const id = ++orders;
      t += 1;
      l.append({ type: 'order', accountId: 1, order: order(id, 1), via: 'trader' });
      l.append({ type: 'order', accountId: 1, order: order(id, 2), via: 'engine' });
      l.append({ type: 'trade', accountId: 1, trade: trade(id, id % 2 === 0 ? -12.5 : 25, { fees: 0.37 }) });
      l.append({ type: 'position', accountId: 1, position: position(id % 3) });
      l.append({ type: 'balance', accountId: 1, balance: id });
      // The trader keeps at most three limits working: the oldest is cancelled as one is added.
      const limit = 1_000_000_000 + id;
      l.append({ type: 'order', accountId: 1, order: order(limit, 1), via: 'trader' });
      if (id > 3) l.append({ type: 'order', accountId: 1, order: order(limit - 3, 3), via: 'trader' });
      else l.append({ type: 'balance', accountId: 2, balance: id });
      for (let k = 0; k < 3; k++) l.append({ type: 'balance', accountId: 2, balance: k });
    };
    /** Work of 1000 entries appended, one truth, and one narrow filter, at the current size. */
    const workNow = () => {
      let before = l.visited();
      for (let i = 0; i < 100; i++) tenEntries();
      const append = l.visited() - before;
      before = l.visited();
      const truth = l.truth(1);
      const truthWork = l.visited() - before;
      before = l.visited();
      l.entries({ accountId: 1, type: 'close-request' });
      return { append, truth: truthWork, filter: l.visited() - before, open: truth.openOrders.length };
    };
    const early = workNow();
    for (let i = 0; i < 100_000; i++) tenEntries();
    const late = workNow();
    expect(l.truth(1, t + 1).account.balance).toBe(orders); // a replay still reads the whole history
    expect(l.entries({ sinceSeq: 1_000_000 }).length).toBeGreaterThan(0);
    expect(early).toEqual({ append: 1000, truth: 4, filter: 0, open: 3 });
    expect(late).toEqual(early);
    // And the kept-up truth is right: every trade counted once, to the cent.
    const truth = l.truth(1);
    const losers = Math.floor(orders / 2);
    expect(truth.realizedPnl).toBe(Math.round(((orders - losers) * 25 - losers * 12.5) * 100) / 100);
    expect(truth.fees).toBe(Math.round(orders * 0.37 * 100) / 100);
    expect(truth.openOrders.map((o) => o.id)).toEqual([1, 2, 3].map((k) => 1_000_000_000 + orders - 3 + k));
  });

  it('prunes history before a time: a checkpoint keeps account, positions, working orders and all-time sums', () => {
    let t = 0;
    const full = createLedger(() => t);
    const kept = createLedger(() => t);
    const both = (e: Parameters<typeof full.append>[0]) => {
      full.append(e);
      kept.append(e);
    };
    both({ type: 'account', accountId: 1, account });
    both({ type: 'order', accountId: 1, order: order(1, 1, 'rg-a'), via: 'api' }); // rests for ever
    for (let i = 2; i <= 6; i++) {
      t = i * 10;
      both({ type: 'order', accountId: 1, order: order(i, 1, `rg-${i}`), via: 'api' });
      both({ type: 'order', accountId: 1, order: order(i, 2, `rg-${i}`), via: 'engine' });
      both({ type: 'trade', accountId: 1, trade: trade(i, 10 * i) });
      both({ type: 'position', accountId: 1, position: position(i) });
      both({ type: 'balance', accountId: 1, balance: 100 + i });
    }
    t = 70;
    both({ type: 'trade', accountId: 1, trade: trade(3, 30, { voided: true }) }); // trade 3 voided later

    const visitedBefore = kept.visited();
    const dropped = kept.prune(45); // entries at t < 45: orders 2-4 with their trades
    expect(dropped).toBe(1 + 1 + 3 * 5);
    expect(kept.visited() - visitedBefore).toBe(dropped);
    expect(kept.prune(45)).toBe(0);
    expect(kept.entries()[0]?.at).toBe(50);
    expect(kept.lastSeq()).toBe(full.lastSeq());

    const now = kept.truth(1);
    const whole = full.truth(1);
    expect(now.realizedPnl).toBe(whole.realizedPnl);
    expect(now.fees).toBe(whole.fees);
    expect(now.commissions).toBe(whole.commissions);
    expect(now.commissions).toBe(4 * 0.25); // trades 2, 4, 5, 6: trade 3 voided
    expect(now).toMatchObject({ account: whole.account, positions: whole.positions, openOrders: whole.openOrders });
    expect(now.orders.map((o) => o.id)).toEqual([1, 5, 6]);
    // Trade 3's voided version came after the cut: it stays (with its place), its P&L out.
    expect(now.trades.map((x) => [x.id, x.voided])).toEqual([
      [3, true],
      [5, false],
      [6, false],
    ]);
    expect(kept.ordersWithTag(1, 'rg-2')).toEqual([]);
    expect(kept.ordersWithTag(1, 'rg-a')).toHaveLength(1);
    expect(kept.ordersWithTag(1, 'rg-5')).toHaveLength(1);
    // As it was at a kept time: the same figures as the whole ledger's replay.
    for (const at of [45, 55, 65, 70]) {
      const a = kept.truth(1, at);
      const b = full.truth(1, at);
      expect([a.account, a.positions, a.openOrders, a.realizedPnl, a.fees, a.commissions]).toEqual([
        b.account,
        b.positions,
        b.openOrders,
        b.realizedPnl,
        b.fees,
        b.commissions,
      ]);
    }
    expect(() => kept.truth(1, 44)).toThrow(RangeError);
  });
});
