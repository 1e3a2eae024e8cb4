import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import { reduce } from '../../../../src/core/state/reducer';
import { ctx, ES, ev, iso, order, run, T0 } from './fixtures';

describe('reducer: working orders', () => {
  it('keeps open, pending, suspended and pending-cancellation orders as working', () => {
    const statuses = [OrderStatus.Open, OrderStatus.Pending, OrderStatus.Suspended, OrderStatus.PendingCancellation];
    const { state } = run(statuses.map((status, i) => ev.order(order({ id: 500 + i, status }))));
    expect(Object.keys(state.accounts[7]!.orders).sort()).toEqual(['500', '501', '502', '503']);
  });

  it.each([
    ['filled', OrderStatus.Filled],
    ['cancelled', OrderStatus.Cancelled],
    ['expired', OrderStatus.Expired],
    ['rejected', OrderStatus.Rejected],
  ])('removes an order once it is %s', (_name, status) => {
    const { state, effects } = run([
      ev.order(order()),
      ev.order(order({ status, updateTimestamp: iso(T0 + 1000) }), T0 + 1000),
    ]);
    expect(state.accounts[7]!.orders).toEqual({});
    expect(effects).toContainEqual({ kind: 'order-ended', accountId: 7, orderId: 500, status });
  });

  it('never lets an older updateTimestamp overwrite a newer one', () => {
    const { state, effects } = run([
      ev.order(order({ stopPrice: 20_980, updateTimestamp: iso(T0 + 2000) })),
      ev.order(order({ stopPrice: 20_950, updateTimestamp: iso(T0 + 1000) })),
    ]);
    expect(state.accounts[7]!.orders[500]?.stopPrice).toBe(20_980);
    expect(effects.at(-1)).toEqual({ kind: 'ignored', reason: 'stale', entity: 'order', accountId: 7, id: 500 });
  });

  it('does not resurrect a filled order when its older "open" update arrives late', () => {
    const { state } = run([
      ev.order(order({ status: OrderStatus.Filled, updateTimestamp: iso(T0 + 2000) })),
      ev.order(order({ status: OrderStatus.Open, updateTimestamp: iso(T0 + 1000) })),
    ]);
    expect(state.accounts[7]!.orders).toEqual({});
  });

  it('lets a terminal status win over a working one with the same timestamp', () => {
    const cancelledFirst = run([
      ev.order(order({ status: OrderStatus.Cancelled })),
      ev.order(order({ status: OrderStatus.Open })),
    ]);
    expect(cancelledFirst.state.accounts[7]!.orders).toEqual({});
    const openFirst = run([
      ev.order(order({ status: OrderStatus.Open })),
      ev.order(order({ status: OrderStatus.Cancelled })),
    ]);
    expect(openFirst.state.accounts[7]!.orders).toEqual({});
  });

  it('treats the same order update twice as a duplicate: unchanged, same object', () => {
    const first = run([ev.order(order())]);
    const again = reduce(first.state, ev.order(order(), T0 + 10), ctx);
    expect(again.changed).toBe(false);
    expect(again.state).toBe(first.state);
  });

  it('applies a modification (new stop price) with a newer timestamp', () => {
    const { state, effects } = run([
      ev.order(order()),
      ev.order(order({ stopPrice: 20_990, updateTimestamp: iso(T0 + 5000) })),
    ]);
    expect(state.accounts[7]!.orders[500]?.stopPrice).toBe(20_990);
    expect(effects).toContainEqual({ kind: 'order-working', accountId: 7, orderId: 500, status: 1, isNew: false });
  });

  it('orders by creationTimestamp when the update timestamp is missing', () => {
    const { state } = run([ev.order(order({ updateTimestamp: null, size: 2 }))]);
    expect(state.accounts[7]!.orders[500]?.size).toBe(2);
  });

  it('accepts a gateway timestamp with 7 fractional digits and an offset', () => {
    const { state } = run([
      ev.order(order({ updateTimestamp: '2026-11-25T09:00:00.1234567-06:00' })),
      ev.order(order({ updateTimestamp: '2026-11-25T09:00:00.1224567-06:00', size: 9 })),
    ]);
    expect(state.accounts[7]!.orders[500]?.size).toBe(1);
    const ended = run([
      ev.order(order({ status: OrderStatus.Filled, updateTimestamp: '2026-11-25T09:00:00.1234567-06:00' })),
    ]);
    expect(ended.state.accounts[7]!.versions['o:500']).toBe(Date.parse('2026-11-25T15:00:00.123Z'));
  });

  it('asks for the contract of a working order it does not know', () => {
    const { effects } = run([ev.order(order({ contractId: ES }))]);
    expect(effects).toContainEqual({ kind: 'unknown-contract', accountId: 7, contractId: ES });
  });

  it("accepts a working update newer than the order's end (the platform reports it live again)", () => {
    const { state } = run([
      ev.order(order({ status: OrderStatus.Cancelled, updateTimestamp: iso(T0 + 1000) })),
      ev.order(order({ status: OrderStatus.Open, updateTimestamp: iso(T0 + 2000) })),
    ]);
    expect(state.accounts[7]!.orders[500]?.status).toBe(OrderStatus.Open);
    expect(state.accounts[7]!.versions).toEqual({});
  });

  it('caps a garbage far-future update time, so later real updates apply after the skew allowance', () => {
    const { state } = run([
      ev.order(order({ status: OrderStatus.Cancelled, updateTimestamp: '2099-01-01T00:00:00Z' })),
      ev.order(order({ id: 501, updateTimestamp: '2099-01-01T00:00:00Z' })),
      ev.order(order({ id: 501, stopPrice: 20_990, updateTimestamp: iso(T0 + 600_000) }), T0 + 600_000),
    ]);
    expect(state.accounts[7]!.versions['o:500']).toBe(T0 + 5 * 60_000);
    expect(state.accounts[7]!.orders[501]?.stopPrice).toBe(20_990);
  });
});
