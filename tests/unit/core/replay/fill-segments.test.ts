import { describe, expect, it } from 'vitest';
import { splitFills } from '../../../../src/core/replay/fill-segments';
import { ct, trade } from './history-kit';

const D = '2026-11-18';

describe('splitFills', () => {
  it('cuts a reversal into the close of one position and the open of the next, fees by size', () => {
    const r = splitFills([
      trade(ct(D, '09:00'), 'buy', 2, 20000, null),
      trade(ct(D, '09:05'), 'sell', 3, 20010, 40),
      trade(ct(D, '09:10'), 'buy', 1, 20000, 20),
    ]);
    expect(r.parts.map((p) => [p.role, p.qty, p.segment, p.pnl, p.whole])).toEqual([
      ['open', 2, 1, null, true],
      ['close', -2, 1, 40, false],
      ['open', -1, 2, null, false],
      ['close', 1, 2, 20, true],
    ]);
    expect(r.parts[1]?.fees).toBeCloseTo(0.74, 10);
    expect(r.parts[2]?.fees).toBeCloseTo(0.37, 10);
  });

  it('orders by time (id breaks ties), drops duplicates and voided trades, counts what it cannot read', () => {
    const a = trade(ct(D, '09:05'), 'sell', 1, 20010, 20);
    const b = trade(ct(D, '09:00'), 'buy', 1, 20000, null);
    const voided = trade(ct(D, '09:01'), 'buy', 1, 20000, null, { voided: true });
    const unreadable = trade(ct(D, '09:02'), 'buy', 1, 20000, null, { creationTimestamp: 'not a time' });
    const r = splitFills([a, b, a, voided, unreadable]);
    expect(r.parts.map((p) => p.trade.id)).toEqual([b.id, a.id]);
    expect(r.voided).toBe(1);
    expect(r.unreadable).toBe(1);
  });

  it('marks a closing fill with no known position as carried in (opened before the history)', () => {
    const r = splitFills([trade(ct(D, '09:00'), 'sell', 1, 20000, -30), trade(ct(D, '09:05'), 'buy', 1, 20000, null)]);
    expect(r.parts.map((p) => p.role)).toEqual(['carried', 'open']);
  });

  it('keeps positions apart per account and contract', () => {
    const r = splitFills([
      trade(ct(D, '09:00'), 'buy', 1, 20000, null),
      trade(ct(D, '09:01'), 'buy', 1, 20000, null, { accountId: 2 }),
      trade(ct(D, '09:02'), 'sell', 1, 20000, 0, { contractId: 'CON.F.US.MES.Z26' }),
      trade(ct(D, '09:03'), 'buy', 1, 20000, null),
    ]);
    expect(r.parts.map((p) => p.role)).toEqual(['open', 'open', 'carried', 'add']);
  });
});
