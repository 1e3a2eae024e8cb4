import { describe, expect, it } from 'vitest';
import { ENDPOINTS, PlaceOrderBodySchema } from '../../../../src/core/gateway/endpoints';

describe('endpoint table', () => {
  it('marks exactly the five mutations as non-idempotent', () => {
    const mutations = Object.entries(ENDPOINTS)
      .filter(([, spec]) => !spec.idempotent)
      .map(([, spec]) => spec.path)
      .sort();
    expect(mutations).toEqual([
      '/api/Order/cancel',
      '/api/Order/modify',
      '/api/Order/place',
      '/api/Position/closeContract',
      '/api/Position/partialCloseContract',
    ]);
  });

  it('gives place, closeContract and partialCloseContract the unknown-outcome codes 6 and 7', () => {
    for (const name of ['placeOrder', 'closePosition', 'partialClosePosition'] as const) {
      expect([...ENDPOINTS[name].unknownOutcomeCodes].sort()).toEqual([6, 7]);
    }
    expect(ENDPOINTS.cancelOrder.unknownOutcomeCodes.size).toBe(0);
  });

  it('rejects nonsense order bodies before they reach the wire', () => {
    const good = { accountId: 1, contractId: 'CON.F.US.MNQ.Z25', type: 2, side: 0, size: 1 };
    expect(PlaceOrderBodySchema.safeParse(good).success).toBe(true);
    expect(PlaceOrderBodySchema.safeParse({ ...good, side: 2 }).success).toBe(false);
    expect(PlaceOrderBodySchema.safeParse({ ...good, size: 1.5 }).success).toBe(false);
    expect(PlaceOrderBodySchema.safeParse({ ...good, limitPrice: Number.NaN }).success).toBe(false);
    expect(PlaceOrderBodySchema.safeParse({ ...good, customTag: 'x'.repeat(65) }).success).toBe(false);
  });

  it('tolerates unknown fields in answers and rejects wrong types', () => {
    const schema = ENDPOINTS.searchOpenPositions.response;
    const position = {
      id: 1,
      accountId: 1,
      contractId: 'C',
      creationTimestamp: '2026-11-25T14:00:00Z',
      type: 1,
      size: 1,
      averagePrice: 6335.25,
    };
    expect(schema.safeParse({ positions: [{ ...position, extra: true }], more: 1 }).success).toBe(true);
    expect(schema.safeParse({ positions: [{ ...position, size: '1' }] }).success).toBe(false);
  });
});
