import { describe, expect, it } from 'vitest';
import { tradingHoursRule as rule } from '../../../../../src/core/rules/evaluation/trading-hours';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, ES, enforcements, order, position, runRule } from '../fixtures';

/**
 * tradingHours when it cannot see the next opening (it looks ten days ahead): a long holiday.
 * The lockout then runs to the next reset, and the window's lock is taken again after it.
 */

const T = (iso: string) => Date.parse(iso);
// Chicago on CST (UTC−6); the default window is Mon–Fri 08:30–15:10; the resets at 17:00.
const WED_END = T('2026-11-25T21:10:00Z');
const THURSDAY = { key: '2026-11-26', start: DAY.nextReset, nextReset: T('2026-11-26T23:00:00Z') };
const dates = (from: string, days: number) =>
  Array.from({ length: days }, (_, i) => new Date(T(from) + i * 86_400_000).toISOString().slice(0, 10));

describe('tradingHours with no opening in sight', () => {
  // Two weeks off from Thursday 2026-11-26: at Wednesday's end no opening lies within ten days.
  const vacation = { holidays: dates('2026-11-26', 14) };

  it('locks to the reset, then again after it, closing what was held at the window’s end', () => {
    const account = accountState({ positions: [position(ES, 1, 5000)] });
    const wed = runRule(rule, { account, now: WED_END, settings: vacation });
    expect(enforcements(wed.decisions)).toMatchObject([
      { action: { type: 'flatten' }, lockout: { end: { type: 'next-window' } } },
    ]);
    const thu = runRule(rule, {
      account,
      now: T('2026-11-26T15:00:00Z'), // Thursday 09:00, a holiday
      tradingDay: THURSDAY,
      settings: vacation,
      memory: wed.memory,
    });
    expect(enforcements(thu.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'flatten' },
        figures: expect.objectContaining({ nextOpen: null }),
        lockout: { kind: 'lockout', end: { type: 'next-window' }, scope: { type: 'account' } },
      }),
    ]);
  });

  it('keeps the evening’s lock when the opening comes into sight overnight, and locks to it after the reset', () => {
    // Off from Wednesday 2026-11-25 to Thursday 2026-12-03: the next opening is Friday 2026-12-04 08:30.
    const settings = { holidays: dates('2026-11-25', 9) };
    const tuesdayEvening = T('2026-11-25T02:00:00Z'); // Tuesday 20:00: Wednesday's trading day, nothing in sight
    const locked = runRule(rule, { now: tuesdayEvening, settings });
    expect(enforcements(locked.decisions)).toMatchObject([{ lockout: { end: { type: 'next-window' } } }]);
    const o = order(ES);
    const overnight = runRule(rule, {
      account: accountState({ orders: [o] }),
      now: T('2026-11-25T06:30:00Z'), // Wednesday 00:30: Friday's opening, nine days on, comes into sight
      settings,
      memory: locked.memory,
    });
    expect(enforcements(overnight.decisions).map((d) => d.action)).toEqual([{ type: 'cancel-order', orderId: o.id }]);
    const afterReset = runRule(rule, {
      now: T('2026-11-25T23:30:00Z'), // Wednesday 17:30
      tradingDay: THURSDAY,
      settings,
      memory: overnight.memory,
    });
    expect(enforcements(afterReset.decisions)[0]?.lockout?.end).toEqual({
      type: 'next-window',
      at: T('2026-12-04T14:30:00Z'),
    });
  });

  it('forgets a lock without an end (as an earlier version wrote one) once the window opens', () => {
    const memory = { ...emptyRuleMemory(DAY.key), latches: { 'tradingHours|closed': { sig: 'never', until: 0 } } };
    const open = runRule(rule, { now: T('2026-11-25T18:00:00Z'), memory }); // Wednesday 12:00
    const account = accountState({ positions: [position(ES, 1, 5000)] });
    const atEnd = runRule(rule, { account, now: WED_END, memory: open.memory });
    expect(enforcements(atEnd.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
  });
});
