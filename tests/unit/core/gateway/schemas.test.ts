import { describe, expect, it } from 'vitest';
import {
  AccountSchema,
  OrderSchema,
  PositionSchema,
  QuoteSchema,
  TradeSchema,
} from '../../../../src/core/gateway/schemas';

describe('gateway schemas', () => {
  it('accepts a documented trade, with many decimals and a 7-digit timestamp, and keeps unknown fields', () => {
    const trade = TradeSchema.parse({
      id: 8604,
      accountId: 203,
      contractId: 'CON.F.US.EP.Z26',
      creationTimestamp: '2026-11-25T15:04:05.1234567+00:00',
      price: 6335.25,
      profitAndLoss: null,
      fees: 1.4,
      side: 0,
      size: 1,
      voided: false,
      orderId: 14328,
      somethingNew: 'kept',
    });
    expect(trade.profitAndLoss).toBeNull();
    expect((trade as Record<string, unknown>).somethingNew).toBe('kept');
  });

  it('rejects a wrong type and names the path', () => {
    const result = PositionSchema.safeParse({
      id: 1,
      accountId: 2,
      contractId: 'CON.F.US.MNQ.Z26',
      creationTimestamp: '2026-11-25T15:00:00Z',
      type: 1,
      size: '2',
      averagePrice: 21000.5,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['size']);
  });

  it('parses accounts, orders with null prices, and sparse quotes', () => {
    expect(AccountSchema.parse({ id: 1, name: 'A', balance: 50000, canTrade: true, isVisible: true }).id).toBe(1);
    const order = OrderSchema.parse({
      id: 5,
      accountId: 1,
      contractId: 'CON.F.US.EP.Z26',
      creationTimestamp: '2026-11-25T15:00:00Z',
      updateTimestamp: '2026-11-25T15:00:01Z',
      status: 1,
      type: 4,
      side: 1,
      size: 1,
      limitPrice: null,
      stopPrice: 6300,
    });
    expect(order.stopPrice).toBe(6300);
    expect(QuoteSchema.parse({ lastPrice: 6335.25 }).lastPrice).toBe(6335.25);
  });
});
