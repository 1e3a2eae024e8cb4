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
