import { describe, expect, it } from 'vitest';
import { tradingHoursRule as rule } from '../../../../../src/core/rules/evaluation/trading-hours';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import {
  cachedNextWindowChange,
  isWindowOpen,
  nextWindowChange,
} from '../../../../../src/core/rules/wall-clock/trading-window';
import { accountState, CL, DAY, ES, enforcements, health, OPTIONS, order, position, runRule } from '../fixtures';

const T = (iso: string) => Date.parse(iso);
const chicago = {
  timeZone: 'America/Chicago',
  weekdays: [1, 2, 3, 4, 5],
  holidays: [] as string[],
  start: '08:30',
  end: '15:10',
};

describe('tradingHours', () => {
  it.each([
    { at: '2026-11-25T14:29:59Z', open: false, what: 'Wed 08:29:59 CST' },
    { at: '2026-11-25T14:30:00Z', open: true, what: 'Wed 08:30 CST' },
    { at: '2026-11-25T21:09:59Z', open: true, what: 'Wed 15:09:59 CST' },
    { at: '2026-11-25T21:10:00Z', open: false, what: 'Wed 15:10 CST' },
    { at: '2026-11-28T16:00:00Z', open: false, what: 'Saturday' },
    { at: '2026-07-15T13:30:00Z', open: true, what: '08:30 CDT in summer (UTC−5)' },
    { at: '2026-07-15T13:29:00Z', open: false, what: '08:29 CDT in summer' },
  ])('the 08:30–15:10 Chicago weekday window is open $open at $what', ({ at, open }) => {
    expect(isWindowOpen(T(at), chicago)).toBe(open);
  });

  it.each([
    { at: '2026-11-22T23:30:00Z', open: true, what: 'Sunday 17:30 (session opens Sunday)' },
    { at: '2026-11-23T09:00:00Z', open: true, what: 'Monday 03:00 (still Sunday’s session)' },
    { at: '2026-11-23T22:30:00Z', open: false, what: 'Monday 16:30 (daily break)' },
    { at: '2026-11-27T23:30:00Z', open: false, what: 'Friday 17:30 (no Friday session)' },
  ])('a window past midnight (17:00–16:00, Sun–Thu) is open $open on $what', ({ at, open }) => {
    expect(isWindowOpen(T(at), { ...chicago, weekdays: [0, 1, 2, 3, 4], start: '17:00', end: '16:00' })).toBe(open);
  });

  it('finds the next opening across the daylight-saving change (CDT Friday → CST Monday)', () => {
    // Friday 2026-10-30 15:10 CDT (20:10Z); clocks go back on Sunday 2026-11-01.
    expect(nextWindowChange(T('2026-10-30T20:10:00Z'), chicago)).toBe(T('2026-11-02T14:30:00Z'));
    expect(nextWindowChange(T('2026-11-02T14:30:00Z'), chicago)).toBe(T('2026-11-02T21:10:00Z'));
  });

  it('memoizes the next change per settings object without changing the answer', () => {
    const owner = {};
    const times = ['2026-11-25T15:00:00Z', '2026-11-25T21:09:00Z', '2026-11-25T21:10:00Z', '2026-11-26T14:30:00Z'].map(
      T,
    );
    for (const t of times) expect(cachedNextWindowChange(t, chicago, owner)).toBe(nextWindowChange(t, chicago));
  });

  it('at the window end flattens and locks until the next window opens', () => {
    const account = accountState({ positions: [position(ES, 1, 5000)] });
    const before = runRule(rule, { account, now: T('2026-11-25T21:09:59Z') });
    expect(before.decisions).toHaveLength(0);
    const atEnd = runRule(rule, { account, now: T('2026-11-25T21:10:00Z'), memory: before.memory });
    expect(enforcements(atEnd.decisions)).toMatchObject([
      {
        action: { type: 'flatten' },
        lockout: {
          kind: 'lockout',
          end: { type: 'next-window', at: T('2026-11-26T14:30:00Z') },
          scope: { type: 'account' },
        },
      },
    ]);
    const again = runRule(rule, { account, now: T('2026-11-25T21:10:01Z'), memory: atEnd.memory });
    expect(again.decisions).toHaveLength(0);
  });

  it('skips holidays when it computes the next opening', () => {
    const r = runRule(rule, { now: T('2026-11-25T21:10:00Z'), settings: { holidays: ['2026-11-26'] } });
    expect(enforcements(r.decisions)[0]?.lockout?.end).toEqual({ type: 'next-window', at: T('2026-11-27T14:30:00Z') });
    expect(enforcements(r.decisions)[0]?.action).toEqual({ type: 'none' });
  });

  it('cancels a working order and closes a fill that appear while locked outside the window', () => {
    const now = T('2026-11-25T22:00:00Z');
    const closed = runRule(rule, { now });
    const o = order(ES);
    const p = position(ES, 1, 5000);
    const r = runRule(rule, {
      account: accountState({ orders: [o], positions: [p] }),
      now: now + 5000,
      memory: closed.memory,
    });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([
      { type: 'close-position', contractId: ES },
      { type: 'cancel-order', orderId: o.id },
    ]);
  });

  it('closes a symbol outside its own override window while the account window is open', () => {
    const account = accountState({ positions: [position(CL, 1, 70), position(ES, 1, 5000)] });
    const r = runRule(rule, {
      account,
      now: T('2026-11-25T19:45:00Z'), // 13:45 CST
      settings: { symbolOverrides: { CL: { start: '08:00', end: '13:30' } } },
    });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([{ type: 'close-position', contractId: CL }]);
  });

  it('exposes the next window change as a deadline for the timer', () => {
    const s = rule.settingsSchema.parse({ mode: 'enforce' });
    const now = T('2026-11-25T15:00:00Z');
    const ctx = {
      accountId: 7,
      account: accountState(),
      market: { contracts: {}, prices: {} },
      settings: s,
      mode: 'enforce' as const,
      now,
      tradingDay: DAY,
      health: health(),
      options: OPTIONS,
      memory: emptyRuleMemory(DAY.key),
    };
    expect(rule.nextDeadline?.(ctx)).toBe(T('2026-11-25T21:10:00Z'));
    expect(nextWindowChange(T('2026-11-27T21:10:00Z'), chicago)).toBe(T('2026-11-30T14:30:00Z'));
  });

  it('rejects a malformed time and an unknown time zone', () => {
    const r = rule.settingsSchema.safeParse({ start: '8:30', timeZone: 'Mars/Olympus' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['start', 'timeZone']);
  });
});
