import { describe, expect, it } from 'vitest';
import { OrderStatus, OrderType } from '../../../../../src/core/gateway/enums';
import { closingSide, protectiveStops, tightestStop } from '../../../../../src/core/rules/measures/stops';
import { accountState, ES, MNQ, order, position, stopFor } from '../fixtures';

const long = position(ES, 2, 5000);
const short = position(ES, -2, 5000);

describe('the protective stops of a position', () => {
  it('closes a long by selling and a short by buying', () => {
    expect(closingSide(long)).toBe(1);
    expect(closingSide(short)).toBe(0);
  });

  it('are the working stop, stop-limit and trailing-stop orders on the closing side of that contract', () => {
    const stop = stopFor(long, 4990);
    const stopLimit = stopFor(long, 4991, { type: OrderType.StopLimit });
    const trailing = stopFor(long, 4992, { type: OrderType.TrailingStop });
    const others = [
      stopFor(long, 4993, { type: OrderType.Limit }), // a target, not a stop
      stopFor(long, 4994, { side: 0 }), // adds to the long
      stopFor(position(MNQ, 1, 100), 99), // another contract
      stopFor(long, 4995, { status: OrderStatus.Filled }),
      stopFor(long, 4996, { status: OrderStatus.Suspended }), // a bracket child not working yet
    ];
    const account = accountState({ orders: [stop, stopLimit, trailing, ...others] });
    expect(protectiveStops(account, long).map((o) => o.id)).toEqual([stop.id, stopLimit.id, trailing.id]);
  });
});

describe('the tightest protective stop', () => {
  it('of a long is the highest, of a short the lowest, whatever order they were placed in', () => {
    const longStops = [stopFor(long, 4990), stopFor(long, 4995), stopFor(long, 4992)];
    expect(tightestStop(accountState({ orders: longStops }), long)?.stopPrice).toBe(4995);
    const shortStops = [stopFor(short, 5010), stopFor(short, 5005), stopFor(short, 5008)];
    expect(tightestStop(accountState({ orders: shortStops }), short)?.stopPrice).toBe(5005);
  });

  it('keeps the first of two at the same price', () => {
    const a = stopFor(long, 4995);
    const b = stopFor(long, 4995);
    expect(tightestStop(accountState({ orders: [a, b] }), long)?.id).toBe(a.id);
    const c = stopFor(short, 5005);
    const d = stopFor(short, 5005);
    expect(tightestStop(accountState({ orders: [c, d] }), short)?.id).toBe(c.id);
  });

  it('counts only a working stop on the closing side of that contract, with a price', () => {
    const ignored = [
      stopFor(long, 4999, { side: 0 }),
      stopFor(long, 4999, { contractId: MNQ }),
      stopFor(long, 4999, { type: OrderType.Limit }),
      stopFor(long, 4999, { status: OrderStatus.Cancelled }),
      stopFor(long, 4999, { status: OrderStatus.Suspended }),
      stopFor(long, 4999, { stopPrice: null }),
      stopFor(long, 4999, { stopPrice: undefined }),
    ];
    const real = stopFor(long, 4980);
    expect(tightestStop(accountState({ orders: [...ignored, real] }), long)?.id).toBe(real.id);
    expect(tightestStop(accountState({ orders: ignored }), long)).toBeNull();
  });

  it('is none without orders, or with only other orders', () => {
    expect(tightestStop(accountState(), long)).toBeNull();
    expect(tightestStop(accountState({ orders: [order(ES)] }), long)).toBeNull();
  });
});
