import { describe, expect, it } from 'vitest';
import type { Position } from '../../../../../src/core/gateway/schemas';
import { maxContractsRule } from '../../../../../src/core/rules/evaluation/max-contracts';
import { type DayPnl, dayPnl, SETTLE_MS, settleDeadline } from '../../../../../src/core/rules/measures/day-pnl';
import type { Rule } from '../../../../../src/core/rules/rule';
import type { RuleMemory } from '../../../../../src/core/rules/rule-memory';
import type { DomainEvent } from '../../../../../src/core/state/events';
import {
  accountState,
  ES,
  MNQ,
  NOW,
  position,
  positionEvent,
  quoteEvent,
  runRule,
  tick,
  trade,
  tradeEvent,
} from '../fixtures';

type Trade = ReturnType<typeof trade>;

/** The day's P&L as a rule sees it after one event, with the memory it leaves. */
function look(
  spec: { positions?: Position[]; trades?: Trade[]; prices?: Record<string, number> },
  event: DomainEvent,
  memory?: RuleMemory,
  now = NOW,
): { pnl: DayPnl; memory: RuleMemory } {
  let pnl: DayPnl | undefined;
  const probe = {
    ...maxContractsRule,
    evaluate: (ctx) => {
      pnl = dayPnl(ctx);
      return [];
    },
  } as Rule;
  const r = runRule(probe, {
    account: accountState({ positions: spec.positions ?? [], trades: spec.trades ?? [] }),
    event,
    prices: spec.prices ?? {},
    memory,
    now,
  });
  if (!pnl) throw new Error('not evaluated');
  return { pnl, memory: r.memory };
}

// ES: one point is $50 a contract.
const long2 = position(ES, 2, 5000);
const long1 = { ...long2, size: 1 };
const closeOne = trade({ orderId: 9, contractId: ES, profitAndLoss: 100, fees: 0 });
const prices = { [ES]: 5002 };

describe('the day’s P&L from a settled picture', () => {
  it('is realized plus open P&L, remembering each position with the closing trades seen in its contract', () => {
    const opened = trade({ orderId: 8, contractId: ES, profitAndLoss: null });
    const r = look({ positions: [long2], trades: [opened], prices }, positionEvent(long2));
    expect(r.pnl).toEqual({ kind: 'known', value: 200 });
    expect(r.memory.seen).toEqual({ [ES]: { id: long2.id, type: long2.type, size: 2, closes: 0, pendingSince: null } });
  });

  it('is unknown while an open position has no price', () => {
    expect(look({ positions: [long2] }, positionEvent(long2)).pnl).toEqual({ kind: 'unknown', contractId: ES });
  });

  it('waits when a closing trade arrives before its position update, and settles when the update comes', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const tradeFirst = look({ positions: [long2], trades: [closeOne], prices }, tradeEvent(closeOne), start.memory);
    expect(tradeFirst.pnl).toEqual({ kind: 'settling', contractId: ES, until: NOW + SETTLE_MS });
    const settled = look(
      { positions: [long1], trades: [closeOne], prices },
      positionEvent(long1),
      tradeFirst.memory,
      NOW + 1000,
    );
    expect(settled.pnl).toEqual({ kind: 'known', value: 200 });
    expect(settled.memory.seen[ES]).toMatchObject({ size: 1, closes: 1, pendingSince: null });
  });

  it('waits when a position shrinks before its closing trade arrives, and settles with the trade', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const positionFirst = look({ positions: [long1], prices }, positionEvent(long1), start.memory);
    expect(positionFirst.pnl).toMatchObject({ kind: 'settling', contractId: ES });
    const settled = look(
      { positions: [long1], trades: [closeOne], prices },
      tradeEvent(closeOne),
      positionFirst.memory,
      NOW + 1000,
    );
    expect(settled.pnl).toEqual({ kind: 'known', value: 200 });
  });

  it('settles as soon as a shrunken position is back to its size with no closing trade behind it', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const shrunk = look({ positions: [long1], prices }, positionEvent(long1), start.memory);
    expect(shrunk.pnl.kind).toBe('settling');
    const back = look({ positions: [long2], prices }, positionEvent(long2), shrunk.memory, NOW + 1000);
    expect(back.pnl).toEqual({ kind: 'known', value: 200 });
  });

  it('after a close that left a new position in the contract, waits again when that one shrinks before its trade', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const reopened = position(ES, 2, 5000);
    const both = look({ positions: [reopened], trades: [closeOne], prices }, positionEvent(reopened), start.memory);
    expect(both.pnl).toEqual({ kind: 'known', value: 300 });
    const smaller = { ...reopened, size: 1 };
    const shrunk = look({ positions: [smaller], trades: [closeOne], prices }, positionEvent(smaller), both.memory);
    expect(shrunk.pnl).toEqual({ kind: 'settling', contractId: ES, until: NOW + SETTLE_MS });
  });

  it('counts the wait from the first one-sided event: later events do not extend it', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const tradeFirst = look({ positions: [long2], trades: [closeOne], prices }, tradeEvent(closeOne), start.memory);
    const later = NOW + SETTLE_MS / 2;
    const stillWaiting = look(
      { positions: [long2], trades: [closeOne], prices },
      tick(later),
      tradeFirst.memory,
      later,
    );
    expect(stillWaiting.pnl).toEqual({ kind: 'settling', contractId: ES, until: NOW + SETTLE_MS });
    const due = NOW + SETTLE_MS;
    const expired = look({ positions: [long2], trades: [closeOne], prices }, tick(due), stillWaiting.memory, due);
    expect(expired.pnl).toEqual({ kind: 'known', value: 300 });
  });

  it('takes the picture as it is on the first quote once SETTLE_MS has passed, not only on a timer tick', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const tradeFirst = look({ positions: [long2], trades: [closeOne], prices }, tradeEvent(closeOne), start.memory);
    const due = NOW + SETTLE_MS;
    const quote = look(
      { positions: [long2], trades: [closeOne], prices },
      quoteEvent(ES, 5002),
      tradeFirst.memory,
      due,
    );
    expect(quote.pnl).toEqual({ kind: 'known', value: 300 });
  });

  it('keeps waiting through quotes, then takes the picture as it is once SETTLE_MS has passed', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const tradeFirst = look({ positions: [long2], trades: [closeOne], prices }, tradeEvent(closeOne), start.memory);
    const quote = look(
      { positions: [long2], trades: [closeOne], prices },
      quoteEvent(ES, 5002),
      tradeFirst.memory,
      NOW + SETTLE_MS - 1,
    );
    expect(quote.pnl).toEqual({ kind: 'settling', contractId: ES, until: NOW + SETTLE_MS });
    const stillTick = look(
      { positions: [long2], trades: [closeOne], prices },
      tick(NOW + SETTLE_MS - 1),
      tradeFirst.memory,
      NOW + SETTLE_MS - 1,
    );
    expect(stillTick.pnl.kind).toBe('settling');
    const expired = look(
      { positions: [long2], trades: [closeOne], prices },
      tick(NOW + SETTLE_MS),
      tradeFirst.memory,
      NOW + SETTLE_MS,
    );
    expect(expired.pnl).toEqual({ kind: 'known', value: 300 });
    expect(expired.memory.seen[ES]).toMatchObject({ size: 2, closes: 1, pendingSince: null });
  });

  it('counts neither voided trades nor fills that opened something as closes', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const voided = { ...closeOne, voided: true };
    const opened = trade({ orderId: 10, contractId: ES, profitAndLoss: null });
    const r = look({ positions: [long2], trades: [voided, opened], prices }, tradeEvent(opened), start.memory);
    expect(r.pnl.kind).toBe('known');
    expect(r.memory).toBe(start.memory);
  });

  it('counts a fill that carries no P&L field at all as an opening one, not as a close', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const opened = trade({ orderId: 12, contractId: ES, profitAndLoss: undefined });
    const r = look({ positions: [long2], trades: [opened], prices }, tradeEvent(opened), start.memory);
    expect(r.pnl).toEqual({ kind: 'known', value: 200 });
  });

  it('sees another position in the same contract (a new id, or the other side) as a reduction to settle', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const reopened = position(ES, 2, 5000);
    expect(look({ positions: [reopened], prices }, positionEvent(reopened), start.memory).pnl.kind).toBe('settling');
    const flipped = { ...long2, type: 2 };
    expect(look({ positions: [flipped], prices }, positionEvent(flipped), start.memory).pnl.kind).toBe('settling');
  });

  it('forgets a position once it is closed and its closing trade seen', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    const closeAll = trade({ orderId: 11, contractId: ES, profitAndLoss: 100 });
    const r = look({ trades: [closeAll] }, positionEvent({ ...long2, size: 0 }), start.memory);
    expect(r.pnl).toEqual({ kind: 'known', value: 100 });
    expect(r.memory.seen).toEqual({});
  });

  it('writes nothing when nothing moved, and a quote costs no pass over the trades once every position is known', () => {
    const start = look({ positions: [long2], prices }, positionEvent(long2));
    expect(look({ positions: [long2], prices }, tick(), start.memory).memory).toBe(start.memory);
    // A quote with a closing trade not yet tracked: the quote does not look at trades.
    expect(look({ positions: [long2], trades: [closeOne], prices }, quoteEvent(ES, 5002), start.memory).pnl).toEqual({
      kind: 'known',
      value: 300,
    });
  });

  it('on a quote, first remembers a position it has not seen yet', () => {
    const r = look({ positions: [long2], prices }, quoteEvent(ES, 5002));
    expect(r.memory.seen[ES]).toMatchObject({ size: 2, closes: 0 });
  });

  it('grows a position without settling: more contracts are no reduction', () => {
    const start = look({ positions: [long1], prices }, positionEvent(long1));
    const grown = look({ positions: [long2], prices }, positionEvent(long2), start.memory);
    expect(grown.pnl.kind).toBe('known');
    expect(grown.memory.seen[ES]).toMatchObject({ size: 2, pendingSince: null });
  });
});

describe('when a settling picture is taken as it is', () => {
  const seenAt = (pendingSince: number | null) => ({ id: 1, type: 1, size: 1, closes: 0, pendingSince });

  it('is the earliest pending contract’s due time, none while nothing is pending', () => {
    expect(settleDeadline({ seen: { [ES]: seenAt(NOW + 5), [MNQ]: seenAt(NOW) } })).toBe(NOW + SETTLE_MS);
    expect(settleDeadline({ seen: { [MNQ]: seenAt(NOW), [ES]: seenAt(NOW + 5) } })).toBe(NOW + SETTLE_MS);
    expect(settleDeadline({ seen: { [ES]: seenAt(null) } })).toBeNull();
    expect(settleDeadline({})).toBeNull();
  });
});
