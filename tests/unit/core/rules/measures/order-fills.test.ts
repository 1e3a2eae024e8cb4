import { describe, expect, it } from 'vitest';
import { executedOrders, orderResult } from '../../../../../src/core/rules/measures/order-fills';
import { accountState, NOW, trade } from '../fixtures';

/** The day's trades grouped by order, as tradeFrequency and cooldownAfterLoss judge them. */

const at = (msBeforeNow: number) => new Date(NOW - msBeforeNow).toISOString();

describe('executed orders', () => {
  it('counts the partial fills of one order once, from its first fill to its last, in any order of arrival', () => {
    const fills = [
      trade({ orderId: 1, creationTimestamp: at(20_000), size: 1 }),
      trade({ orderId: 1, creationTimestamp: at(50_000), size: 2 }),
      trade({ orderId: 1, creationTimestamp: at(10_000), size: 1 }),
      trade({ orderId: 1, creationTimestamp: at(30_000), size: 1 }),
    ];
    expect(executedOrders(accountState({ trades: fills }))).toMatchObject([
      { orderId: 1, firstFillAt: NOW - 50_000, lastFillAt: NOW - 10_000 },
    ]);
  });

  it('keeps the first and last fill of an order whose fills share a time', () => {
    const fills = [
      trade({ orderId: 2, creationTimestamp: at(5_000) }),
      trade({ orderId: 2, creationTimestamp: at(5_000) }),
    ];
    expect(executedOrders(accountState({ trades: fills }))).toMatchObject([
      { firstFillAt: NOW - 5_000, lastFillAt: NOW - 5_000 },
    ]);
  });

  it('sums the closing fills’ P&L, fees and commissions, and nets them as the costs count', () => {
    const fills = [
      trade({ orderId: 3, profitAndLoss: -40, fees: 1.5, commissions: 0.5 }),
      trade({ orderId: 3, profitAndLoss: -60, fees: 1.5, commissions: 0.5 }),
    ];
    const [o] = executedOrders(accountState({ trades: fills }));
    expect(o).toMatchObject({ pnl: -100, fees: 3, commissions: 1, closed: true });
    expect(orderResult(o!, {})).toBe(-104);
    expect(orderResult(o!, { countFees: false, countCommissions: false })).toBe(-100);
  });

  it('marks an order that only opened (no P&L on any fill, or none given) as not closing anything', () => {
    const fills = [trade({ orderId: 4, profitAndLoss: null }), trade({ orderId: 5, profitAndLoss: undefined })];
    expect(executedOrders(accountState({ trades: fills })).map((o) => o.closed)).toEqual([false, false]);
  });

  it('leaves out voided trades and fills without a readable time', () => {
    const fills = [
      trade({ orderId: 6, voided: true }),
      trade({ orderId: 7, creationTimestamp: 'not a time' }),
      trade({ orderId: 8 }),
    ];
    expect(executedOrders(accountState({ trades: fills })).map((o) => o.orderId)).toEqual([8]);
  });
});
