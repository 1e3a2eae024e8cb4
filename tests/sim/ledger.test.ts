import { describe, expect, it } from 'vitest';
import { createLedger } from './ledger';

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
    const trade = (id: number, profitAndLoss: number | null, voided = false) => ({
      id,
      accountId: 1,
      contractId: 'C',
      creationTimestamp: 't',
      price: 1,
      profitAndLoss,
      fees: 0.5,
      side: 0,
      size: 1,
      voided,
      orderId: 7,
    });
    l.append({ type: 'account', accountId: 1, account });
    l.append({ type: 'trade', accountId: 1, trade: trade(1, null) });
    l.append({ type: 'trade', accountId: 1, trade: trade(2, -30) });
    l.append({ type: 'trade', accountId: 1, trade: trade(3, 10) });
    l.append({ type: 'trade', accountId: 1, trade: trade(2, -30, true) });
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
});
