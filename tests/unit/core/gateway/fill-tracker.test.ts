import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import { createFillTracker } from '../../../../src/core/gateway/fill-tracker';

describe('fill tracker', () => {
  it('reports a partial fill as a fraction of the order size', () => {
    const fills = createFillTracker();
    expect(fills.update({ id: 1, size: 4, status: OrderStatus.Open, fillVolume: 1 })).toEqual({
      filled: 1,
      size: 4,
      isPartial: true,
      fraction: 0.25,
    });
  });

  it('ignores a stale update with less fill volume, and counts Filled without volume as full', () => {
    const fills = createFillTracker();
    fills.update({ id: 1, size: 4, status: OrderStatus.Open, fillVolume: 3 });
    fills.update({ id: 1, size: 4, status: OrderStatus.Open, fillVolume: 2 });
    expect(fills.status(1)?.filled).toBe(3);
    fills.update({ id: 1, size: 4, status: OrderStatus.Filled, fillVolume: undefined });
    expect(fills.status(1)).toEqual({ filled: 4, size: 4, isPartial: false, fraction: 1 });
  });

  it('reports an unfilled working order as not partial', () => {
    const fills = createFillTracker();
    expect(fills.update({ id: 2, size: 2, status: OrderStatus.Open, fillVolume: null }).isPartial).toBe(false);
    expect(fills.status(3)).toBeUndefined();
  });
});

describe('fill tracker: bounded', () => {
  const HOUR = 3_600_000;

  it('forgets a finished order an hour after it finished, and keeps a working one', () => {
    let now = 0;
    const fills = createFillTracker({ now: () => now });
    fills.update({ id: 1, size: 1, status: OrderStatus.Open, fillVolume: 0 });
    fills.update({ id: 2, size: 1, status: OrderStatus.Filled, fillVolume: 1 });
    now = HOUR - 1;
    fills.update({ id: 3, size: 1, status: OrderStatus.Cancelled, fillVolume: 0 });
    expect(fills.status(2)?.filled).toBe(1);
    now = HOUR;
    fills.update({ id: 4, size: 1, status: OrderStatus.Open, fillVolume: 0 });
    expect(fills.status(2)).toBeUndefined();
    expect(fills.status(3)).toBeDefined();
    expect(fills.status(1)).toBeDefined();
    expect(fills.size()).toBe(3);
  });

  it('stays flat over a month of orders: each trading day places, fills and cancels hundreds', () => {
    let now = 0;
    const fills = createFillTracker({ now: () => now });
    const sizes: number[] = [];
    let id = 0;
    for (let day = 0; day < 30; day++) {
      for (let i = 0; i < 500; i++) {
        now += 60_000;
        id++;
        fills.update({ id, size: 2, status: OrderStatus.Open, fillVolume: 0 });
        fills.update({ id, size: 2, status: OrderStatus.Open, fillVolume: 1 });
        fills.update({ id, size: 2, status: i % 2 ? OrderStatus.Filled : OrderStatus.Cancelled, fillVolume: 1 });
      }
      sizes.push(fills.size());
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(61); // one hour of finished orders at one a minute
    expect(sizes.at(-1)).toBe(sizes[1]);
  });

  it('forgets a working order not heard of for a day (its cancel may never arrive), not one updated since', () => {
    let now = 0;
    const fills = createFillTracker({ now: () => now });
    fills.update({ id: 1, size: 1, status: OrderStatus.Open, fillVolume: 0 });
    fills.update({ id: 2, size: 1, status: OrderStatus.Open, fillVolume: 0 });
    now = 20 * HOUR;
    fills.update({ id: 2, size: 1, status: OrderStatus.Open, fillVolume: 0 });
    now = 24 * HOUR;
    fills.update({ id: 3, size: 1, status: OrderStatus.Open, fillVolume: 0 });
    expect(fills.status(1)).toBeUndefined();
    expect(fills.status(2)).toBeDefined();
  });

  it('keeps at most maxEntries, dropping the least recently updated', () => {
    const fills = createFillTracker({ now: () => 0, maxEntries: 3 });
    for (let id = 1; id <= 5; id++) fills.update({ id, size: 1, status: OrderStatus.Open, fillVolume: 0 });
    expect(fills.size()).toBe(3);
    expect(fills.status(1)).toBeUndefined();
    expect(fills.status(5)).toBeDefined();
  });
});
