import { describe, expect, it } from 'vitest';
import {
  recordWeek,
  tradingWeekOf,
  weekEndAt,
  weekFiguresOf,
} from '../../../../../src/core/rules/measures/trading-week';
import type { TradingDayInfo } from '../../../../../src/core/rules/rule';
import { emptyRuleMemory, type RuleMemory } from '../../../../../src/core/rules/rule-memory';
import type { AccountState } from '../../../../../src/core/state/account-state';
import { accountState, ctxWith, DAY, OPTIONS, trade } from '../fixtures';

describe('the trading week (Sunday 17:00 CT open to Friday’s close)', () => {
  it.each([
    { day: '2026-11-23', week: '2026-11-23' }, // Monday (its session opened Sunday 17:00)
    { day: '2026-11-25', week: '2026-11-23' },
    { day: '2026-11-27', week: '2026-11-23' }, // Friday
    { day: '2026-11-28', week: '2026-11-30' }, // a weekend key leads into the next week
    { day: '2026-11-29', week: '2026-11-30' },
  ])('trading day $day belongs to the week of Monday $week', ({ day, week }) => {
    expect(tradingWeekOf(day)).toBe(week);
  });

  it('ends at the reset that ends Friday’s trading day (17:00 Chicago on Friday)', () => {
    expect(weekEndAt(DAY)).toBe(Date.parse('2026-11-27T23:00:00Z'));
    const monday = { key: '2026-11-23', start: 0, nextReset: Date.parse('2026-11-23T23:00:00Z') };
    expect(weekEndAt(monday)).toBe(Date.parse('2026-11-27T23:00:00Z'));
  });

  it('from a weekend key, ends with the next week’s Friday, not the Friday just past', () => {
    const saturday = { key: '2026-11-28', start: 0, nextReset: Date.parse('2026-11-28T23:00:00Z') };
    const sunday = { key: '2026-11-29', start: 0, nextReset: Date.parse('2026-11-29T23:00:00Z') };
    expect(weekEndAt(saturday)).toBe(Date.parse('2026-12-04T23:00:00Z'));
    expect(weekEndAt(sunday)).toBe(Date.parse('2026-12-04T23:00:00Z'));
  });
});

// DAY is Wednesday 2026-11-25, in the week of Monday 2026-11-23.
const THURSDAY: TradingDayInfo = {
  key: '2026-11-26',
  start: DAY.nextReset,
  nextReset: Date.parse('2026-11-26T23:00:00Z'),
};
const TUESDAY = { realized: -200, trades: 3 };

/** Records the week the way the weekly limits do, as the engine would run them. */
function record(account: AccountState, memory: RuleMemory, tradingDay = DAY) {
  const ctx = Object.assign(ctxWith(memory), { account, tradingDay, options: OPTIONS });
  const week = recordWeek(ctx);
  return { week, memory: ctx.memory };
}

const closing = (orderId: number, pnl: number) => trade({ orderId, profitAndLoss: pnl });
const opening = (orderId: number) => trade({ orderId, profitAndLoss: null });

describe('the week’s figures', () => {
  const withTuesday = (week: string): RuleMemory => ({
    ...emptyRuleMemory(DAY.key),
    week: { week, days: { '2026-11-24': TUESDAY } },
  });

  it('add today’s realized P&L and trades to the days remembered of the same week', () => {
    const account = accountState({ trades: [closing(1, -50)] });
    expect(weekFiguresOf(withTuesday('2026-11-23').week, account, DAY.key, OPTIONS)).toEqual({
      week: '2026-11-23',
      realized: -250,
      trades: 4,
    });
  });

  it('start a new week from nothing: last week’s days do not count', () => {
    const account = accountState({ trades: [closing(1, -50)] });
    expect(weekFiguresOf(withTuesday('2026-11-16').week, account, DAY.key, OPTIONS)).toEqual({
      week: '2026-11-23',
      realized: -50,
      trades: 1,
    });
  });

  it('leave the account out while it still shows another trading day (its figures are that day’s)', () => {
    const yesterday = accountState({ tradingDay: '2026-11-24', trades: [closing(1, -200)] });
    const memory = withTuesday('2026-11-23');
    const r = record(yesterday, memory);
    expect(r.week).toEqual({ week: '2026-11-23', realized: -200, trades: 3 });
    expect(r.memory).toBe(memory);
  });
});

describe('the week remembers each day as last seen', () => {
  it('writes nothing while today’s figures are as remembered', () => {
    const account = accountState({ trades: [closing(1, -50)] });
    const first = record(account, emptyRuleMemory(DAY.key));
    expect(first.memory.week).toEqual({ week: '2026-11-23', days: { '2026-11-25': { realized: -50, trades: 1 } } });
    expect(record(account, first.memory).memory).toBe(first.memory);
  });

  it('keeps the whole loss of a day whose last fill only deepened it (a second partial fill of one order)', () => {
    const a = closing(1, -40);
    const first = record(accountState({ trades: [a] }), emptyRuleMemory(DAY.key));
    const second = record(accountState({ trades: [a, closing(1, -60)] }), first.memory);
    const thursday = record(accountState({ tradingDay: THURSDAY.key }), second.memory, THURSDAY);
    expect(thursday.week).toEqual({ week: '2026-11-23', realized: -100, trades: 1 });
  });

  it('keeps every trade of a day whose last fill only opened a position', () => {
    const a = closing(1, -40);
    const first = record(accountState({ trades: [a] }), emptyRuleMemory(DAY.key));
    const second = record(accountState({ trades: [a, opening(2)] }), first.memory);
    const thursday = record(accountState({ tradingDay: THURSDAY.key }), second.memory, THURSDAY);
    expect(thursday.week).toEqual({ week: '2026-11-23', realized: -40, trades: 2 });
  });
});
