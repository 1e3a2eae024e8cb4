import { describe, expect, it } from 'vitest';
import { createPricePath } from '../../../../src/core/replay/price-path';
import { bars, ct, MNQ } from './history-kit';

const D = '2026-11-18';

describe('createPricePath', () => {
  const path = createPricePath({
    [MNQ]: bars(D, [
      ['09:01', 100, 110, 90, 105], // up bar: open, low, high, close
      ['09:00', 100, 101, 99, 99], // down bar: open, high, low, close (given out of order)
    ]),
  });

  it('walks each bar as four quotes 15 s apart, the extreme against the bar first', () => {
    const quotes: Array<[number, number]> = [];
    let after = ct(D, '08:59');
    for (let q = path.nextQuote([MNQ], after); q; q = path.nextQuote([MNQ], after)) {
      quotes.push([(q.at - ct(D, '09:00')) / 1000, q.price]);
      after = q.at;
    }
    expect(quotes).toEqual([
      [0, 100],
      [15, 101],
      [30, 99],
      [45, 99],
      [60, 100],
      [75, 90],
      [90, 110],
      [105, 105],
    ]);
  });

  it('resumes inside the bar that holds the moment', () => {
    expect(path.nextQuote([MNQ], ct(D, '09:01:20'))).toEqual({ contractId: MNQ, at: ct(D, '09:01:30'), price: 110 });
  });

  it('gives the open of the first bar starting at or after a moment, or null', () => {
    expect(path.nextOpen(MNQ, ct(D, '09:00:30'))).toBe(100);
    expect(path.nextOpen(MNQ, ct(D, '09:01'))).toBe(100);
    expect(path.nextOpen(MNQ, ct(D, '09:01:01'))).toBeNull();
    expect(path.nextOpen('CON.F.US.EP.Z26', ct(D, '09:00'))).toBeNull();
  });

  it('without bars has nothing to say', () => {
    const none = createPricePath(null);
    expect(none.loaded).toBe(false);
    expect(none.nextQuote([MNQ], 0)).toBeNull();
  });
});
