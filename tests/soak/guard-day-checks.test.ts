import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/journal/journal';
import { distinctLockouts } from './guard-day-checks';

const entry = (seq: number, id: string | undefined, message: string): JournalEntry => ({
  seq,
  at: seq * 1000,
  kind: 'lockout',
  accountId: 1,
  ruleId: 'dailyRealizedLoss',
  message,
  ...(id === undefined ? {} : { data: { id } }),
});

describe('distinctLockouts', () => {
  it('counts a lockout the journal wrote again as kept or extended once', () => {
    const entries = [
      entry(1, '1|account@5', 'Lockout of account until 17:00'),
      entry(2, '1|account@5', 'Lockout of account already locked until 17:00; kept (a lockout is never shortened)'),
    ];
    expect(distinctLockouts(entries).map((e) => e.seq)).toEqual([1]);
  });

  it('keeps two lockouts with their own ids, and entries without an id, apart', () => {
    const entries = [
      entry(1, 'a', 'first'),
      entry(2, 'b', 'second'),
      entry(3, undefined, 'x'),
      entry(4, undefined, 'y'),
    ];
    expect(distinctLockouts(entries).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});
