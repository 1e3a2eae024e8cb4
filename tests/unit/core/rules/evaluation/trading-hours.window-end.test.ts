import { describe, expect, it } from 'vitest';
import type { TradingHoursSettings } from '../../../../../src/core/rules/catalog/trading-hours';
import { tradingHoursRule as rule } from '../../../../../src/core/rules/evaluation/trading-hours';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, CL, DAY, ES, enforcements, health, OPTIONS, order, position, runRule } from '../fixtures';

const T = (iso: string) => Date.parse(iso);
// Wednesday 2026-11-25, Chicago on CST (UTC−6); the default window is Mon–Fri 08:30–15:10.
const WED_END = T('2026-11-25T21:10:00Z');
const THU_OPEN = T('2026-11-26T14:30:00Z');
const THU_END = T('2026-11-26T21:10:00Z');
const INSIDE = T('2026-11-25T18:00:00Z'); // 12:00
const WED_EVENING = T('2026-11-26T02:00:00Z'); // 20:00, after the reset: Thursday's trading day
const THURSDAY = { key: '2026-11-26', start: DAY.nextReset, nextReset: T('2026-11-26T23:00:00Z') };

describe('tradingHours at the window’s end', () => {
  it('flattens when both a position and a working order are open', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)], orders: [order(ES)] }),
      now: WED_END,
    });
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'flatten' },
        reason: 'Outside the allowed trading hours',
        figures: { start: '08:30', end: '15:10', timeZone: 'America/Chicago', nextOpen: THU_OPEN },
      }),
    ]);
  });

  it('flattens again at the next window’s end, even when nothing woke it while the window was open', () => {
    const account = accountState({ positions: [position(ES, 1, 5000)] });
    const wed = runRule(rule, { account, now: WED_END });
    expect(enforcements(wed.decisions)).toHaveLength(1);
    const thu = runRule(rule, { account, now: THU_END, memory: wed.memory });
    expect(enforcements(thu.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
  });

  it('with no day allowed, locks until a window that may never come, and says so', () => {
    const r = runRule(rule, { now: INSIDE, settings: { weekdays: [] } });
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'none' },
        figures: expect.objectContaining({ nextOpen: null }),
        lockout: { kind: 'lockout', end: { type: 'next-window' }, scope: { type: 'account' } },
      }),
    ]);
  });

  it('leaves what the flatten covers to the lockout: nothing again a minute later, nor after the reset', () => {
    const o = order(ES);
    const account = accountState({ positions: [position(ES, 1, 5000)], orders: [o] });
    const atEnd = runRule(rule, { account, now: WED_END });
    expect(enforcements(atEnd.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
    const later = runRule(rule, { account, now: WED_END + 60_000, memory: atEnd.memory });
    expect(later.decisions).toEqual([]);
    const evening = runRule(rule, { account, now: WED_EVENING, tradingDay: THURSDAY, memory: atEnd.memory });
    expect(evening.decisions).toEqual([]);
  });

  it('takes no account lockout while a symbol’s own window is still open: closes only what is outside its hours', () => {
    const o = order(ES);
    const r = runRule(rule, {
      account: accountState({ positions: [position(CL, 1, 70), position(ES, 1, 5000)], orders: [o, order(CL)] }),
      now: WED_END,
      settings: { symbolOverrides: { CL: { start: '08:00', end: '16:00' } } },
    });
    expect(enforcements(r.decisions).map((d) => [d.action, d.lockout])).toEqual([
      [{ type: 'close-position', contractId: ES }, undefined],
      [{ type: 'cancel-order', orderId: o.id }, undefined],
    ]);
  });

  it('inside the window, leaves positions and working orders alone', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)], orders: [order(ES)] }),
      now: INSIDE,
    });
    expect(r.decisions).toEqual([]);
  });
});

describe('tradingHours: what opens outside the window', () => {
  const overrides = { symbolOverrides: { CL: { start: '08:00', end: '13:30' } } };
  const CL_SHUT = T('2026-11-25T19:45:00Z'); // 13:45: CL's own window is shut, the account's open

  it('closes a position outside its own hours, saying which symbol and that it has hours of its own', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(CL, 1, 70)] }),
      now: CL_SHUT,
      settings: overrides,
    });
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'close-position', contractId: CL },
        reason: 'CL position outside its trading hours',
        figures: { contractId: CL, override: true },
      }),
    ]);
  });

  it('cancels a working order outside its hours, saying so', () => {
    const o = order(CL);
    const r = runRule(rule, { account: accountState({ orders: [o] }), now: CL_SHUT, settings: overrides });
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'cancel-order', orderId: o.id },
        reason: 'Working order outside trading hours',
        figures: { orderId: o.id },
      }),
    ]);
  });

  it('acts on each once a minute: not again at once, again a minute later', () => {
    const account = accountState({ positions: [position(CL, 1, 70)], orders: [order(CL)] });
    const first = runRule(rule, { account, now: CL_SHUT, settings: overrides });
    expect(enforcements(first.decisions)).toHaveLength(2);
    const soon = runRule(rule, { account, now: CL_SHUT + 59_999, settings: overrides, memory: first.memory });
    expect(soon.decisions).toEqual([]);
    const later = runRule(rule, { account, now: CL_SHUT + 60_000, settings: overrides, memory: first.memory });
    expect(enforcements(later.decisions)).toHaveLength(2);
  });

  it('once the window has opened again, closes a symbol outside its own hours though it was held at the last end', () => {
    const o = order(CL);
    const account = accountState({ positions: [position(CL, 1, 70)], orders: [o] });
    const atEnd = runRule(rule, { account, now: WED_END, settings: overrides });
    expect(enforcements(atEnd.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
    const thursday = runRule(rule, {
      account,
      now: T('2026-11-26T19:45:00Z'), // Thursday 13:45: the account's window open, CL's shut
      tradingDay: THURSDAY,
      settings: overrides,
      memory: atEnd.memory,
    });
    expect(enforcements(thursday.decisions).map((d) => d.action)).toEqual([
      { type: 'close-position', contractId: CL },
      { type: 'cancel-order', orderId: o.id },
    ]);
  });

  it('says a position has no hours of its own when no symbol has any', () => {
    const shut = T('2026-11-25T22:00:00Z');
    const locked = runRule(rule, { now: shut });
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)] }),
      now: shut + 5000,
      memory: locked.memory,
    });
    expect(enforcements(r.decisions)[0]?.figures).toEqual({ contractId: ES, override: false });
  });

  it('says a position outside the account’s own hours has no hours of its own', () => {
    const shut = T('2026-11-25T22:00:00Z');
    const locked = runRule(rule, { now: shut });
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)] }),
      now: shut + 5000,
      settings: overrides,
      memory: locked.memory,
    });
    expect(enforcements(r.decisions)[0]?.figures).toEqual({ contractId: ES, override: false });
  });
});

describe('tradingHours: the next moment it must look', () => {
  const deadline = (settings: Partial<TradingHoursSettings>, now: number) =>
    rule.nextDeadline?.({
      accountId: 7,
      account: accountState(),
      market: { contracts: {}, prices: {} },
      settings: rule.settingsSchema.parse({ mode: 'enforce', ...settings }),
      mode: 'enforce',
      now,
      tradingDay: DAY,
      health: health(),
      options: OPTIONS,
      memory: emptyRuleMemory(DAY.key),
    });

  it('is the earliest change of the account’s window or of any symbol’s own', () => {
    const overrides = {
      symbolOverrides: { CL: { start: '08:00', end: '13:30' }, NQ: { start: '08:30', end: '16:00' } },
    };
    expect(deadline(overrides, INSIDE)).toBe(T('2026-11-25T19:30:00Z'));
    expect(deadline(overrides, T('2026-11-25T12:00:00Z'))).toBe(T('2026-11-25T14:00:00Z'));
    expect(deadline(overrides, T('2026-11-25T21:30:00Z'))).toBe(T('2026-11-25T22:00:00Z'));
  });

  it('is the account window’s change when a symbol’s own window never changes', () => {
    const everyDay = { weekdays: [0, 1, 2, 3, 4, 5, 6], symbolOverrides: { CL: { start: '00:00', end: '00:00' } } };
    expect(deadline(everyDay, INSIDE)).toBe(WED_END);
  });

  it('is none when nothing ever changes, and a symbol’s own change when only it changes', () => {
    expect(deadline({ weekdays: [] }, INSIDE)).toBeNull();
    const allDay = { weekdays: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' };
    expect(deadline({ ...allDay, symbolOverrides: { CL: { start: '08:00', end: '13:30' } } }, INSIDE)).toBe(
      T('2026-11-25T19:30:00Z'),
    );
  });
});
