import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import type { OrderReadsApi } from '../../../../src/core/gateway/order-reads';
import { verifyPlacedOrder } from '../../../../src/core/gateway/order-verify';
import type { Order } from '../../../../src/core/gateway/schemas';
import { GatewayError } from '../../../../src/core/resilience/errors';

const request = { accountId: 7, orderId: 31, customTag: 'rg-i1', placedAt: Date.parse('2026-11-25T15:00:00Z') };

function order(extra: Partial<Order> = {}): Order {
  return {
    id: 31,
    accountId: 7,
    contractId: 'CON.F.US.MNQ.Z25',
    creationTimestamp: '2026-11-25T15:00:00Z',
    status: OrderStatus.Open,
    type: 4,
    side: 1,
    size: 1,
    limitPrice: null,
    stopPrice: 99,
    trailPrice: null,
    ...extra,
  };
}

/** Answers each read from a script (one entry per read, last repeats); counts the calls. */
function countingApi(openAnswers: Array<Order[] | Error>, dayAnswers: Array<Order[] | Error> = [[]]) {
  const calls: string[] = [];
  const pick = (answers: Array<Order[] | Error>, i: number) => {
    const answer = answers[Math.min(i, answers.length - 1)] ?? [];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  let open = 0;
  let day = 0;
  const api: OrderReadsApi = {
    searchOpenOrders: async (_body, ctx) => {
      calls.push(`open:${ctx?.lane}`);
      return pick(openAnswers, open++);
    },
    searchOrders: async (body, ctx) => {
      calls.push(`day:${ctx?.lane}:${body.startTimestamp}`);
      return pick(dayAnswers, day++);
    },
    searchOpenPositions: async () => [],
  };
  return { api, calls };
}

function options(api: OrderReadsApi, delaysMs: readonly number[] = [10, 20, 40]) {
  const slept: number[] = [];
  return { slept, opts: { api, delaysMs, windowMs: 30_000, sleep: async (ms: number) => void slept.push(ms) } };
}

describe('verifyPlacedOrder', () => {
  it('verifies with one open-orders read when the order is working', async () => {
    const { api, calls } = countingApi([[order({ id: 30 }), order({ customTag: 'rg-i1' })]]);
    const { opts, slept } = options(api);
    const result = await verifyPlacedOrder(request, opts);
    expect(result).toMatchObject({ verified: true, reads: 1, order: { id: 31 } });
    expect(calls).toEqual(['open:reconciliation']);
    expect(slept).toEqual([10]);
  });

  it('accepts an order the gateway returns without a customTag', async () => {
    const { api } = countingApi([[order({ customTag: null })]]);
    expect(await verifyPlacedOrder(request, options(api).opts)).toMatchObject({ verified: true });
  });

  it('searches the recent orders from windowMs before the placement when the order is not open', async () => {
    const { api, calls } = countingApi([[]], [[order({ status: OrderStatus.Filled })]]);
    const result = await verifyPlacedOrder(request, options(api).opts);
    expect(result).toMatchObject({ verified: true, order: { status: OrderStatus.Filled } });
    expect(calls).toEqual(['open:reconciliation', 'day:reconciliation:2026-11-25T14:59:30.000Z']);
  });

  it('reports missing after as many reads as delays, waiting each delay first', async () => {
    const { api, calls } = countingApi([[order({ id: 99 })]], [[]]);
    const { opts, slept } = options(api);
    const result = await verifyPlacedOrder(request, opts);
    expect(result).toMatchObject({ verified: false, reason: 'missing', reads: 3 });
    expect(calls).toHaveLength(6);
    expect(slept).toEqual([10, 20, 40]);
  });

  it('retries a failed read and verifies on a later one', async () => {
    const fail = new GatewayError('transient', 'searchOpen: HTTP 503');
    const { api } = countingApi([fail, [order()]]);
    expect(await verifyPlacedOrder(request, options(api).opts)).toMatchObject({ verified: true, reads: 2 });
  });

  it('reports unreadable when the last read failed, and missing when only earlier ones did', async () => {
    const fail = new GatewayError('transient', 'searchOpen: HTTP 503');
    const allFail = countingApi([fail]);
    expect(await verifyPlacedOrder(request, options(allFail.api).opts)).toMatchObject({
      verified: false,
      reason: 'unreadable',
      reads: 3,
    });
    const thenEmpty = countingApi([fail, []]);
    expect(await verifyPlacedOrder(request, options(thenEmpty.api).opts)).toMatchObject({
      verified: false,
      reason: 'missing',
    });
  });

  it('reports a tag mismatch for an order id carrying another tag', async () => {
    const { api } = countingApi([[order({ customTag: 'manual' })]]);
    expect(await verifyPlacedOrder(request, options(api).opts)).toMatchObject({
      verified: false,
      reason: 'tag-mismatch',
    });
  });

  it('lets an abort through instead of counting it as a failed read', async () => {
    const { api } = countingApi([new GatewayError('aborted', 'aborted')]);
    await expect(verifyPlacedOrder(request, options(api).opts)).rejects.toMatchObject({ kind: 'aborted' });
  });
});
