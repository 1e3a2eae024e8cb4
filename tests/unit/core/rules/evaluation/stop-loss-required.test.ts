import { describe, expect, it } from 'vitest';
import { OrderSide, OrderStatus, OrderType } from '../../../../../src/core/gateway/enums';
import { stopLossRequiredRule as rule } from '../../../../../src/core/rules/evaluation/stop-loss-required';
import type { Rule } from '../../../../../src/core/rules/rule';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import {
  accountState,
  DAY,
  ES,
  enforcements,
  health,
  MNQ,
  NOW,
  OPTIONS,
  order,
  position,
  runRule,
  stopFor,
} from '../fixtures';

const settings = { graceSec: 30 };

describe('stopLossRequired', () => {
  it.each([
    { openForMs: 29_999, close: false },
    { openForMs: 30_000, close: true },
    { openForMs: 30_001, close: true },
  ])('grace 30 s, open $openForMs ms without a stop → close $close', ({ openForMs, close }) => {
    const p = position(ES, 1, 5000);
    const r = runRule(rule, {
      account: accountState({ positions: [p], openedAt: { [ES]: NOW - openForMs } }),
      settings,
    });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual(
      close ? [{ type: 'close-position', contractId: ES }] : [],
    );
  });

  it.each([
    {
      name: 'a working Stop on the opposite side',
      o: (p: ReturnType<typeof position>) => stopFor(p, 4990),
      protectedBy: true,
    },
    {
      name: 'a TrailingStop',
      o: (p: ReturnType<typeof position>) => stopFor(p, 4990, { type: OrderType.TrailingStop }),
      protectedBy: true,
    },
    {
      name: 'a StopLimit',
      o: (p: ReturnType<typeof position>) => stopFor(p, 4990, { type: OrderType.StopLimit }),
      protectedBy: true,
    },
    {
      name: 'a stop on the same side',
      o: (p: ReturnType<typeof position>) => stopFor(p, 4990, { side: OrderSide.Bid }),
      protectedBy: false,
    },
    {
      name: 'a stop on another contract',
      o: () => order(MNQ, { type: OrderType.Stop, side: OrderSide.Ask }),
      protectedBy: false,
    },
    {
      name: 'a limit order',
      o: (p: ReturnType<typeof position>) => stopFor(p, 4990, { type: OrderType.Limit }),
      protectedBy: false,
    },
    {
      name: 'a cancelled stop',
      o: (p: ReturnType<typeof position>) => stopFor(p, 4990, { status: OrderStatus.Cancelled }),
      protectedBy: false,
    },
    {
      // Live: a bracket child waiting for its entry (status 8), no price yet.
      name: 'a bracket stop still waiting for its entry (status 8)',
      o: (p: ReturnType<typeof position>) => {
        const { stopPrice: _none, ...child } = stopFor(p, 4990, { status: OrderStatus.Suspended });
        return child;
      },
      protectedBy: false,
    },
    {
      name: 'a bracket stop in status 8 that already has a price',
      o: (p: ReturnType<typeof position>) => stopFor(p, 4990, { status: OrderStatus.Suspended }),
      protectedBy: false,
    },
  ])('a long position with $name is protected: $protectedBy', ({ o, protectedBy }) => {
    const p = position(ES, 1, 5000);
    const r = runRule(rule, {
      account: accountState({ positions: [p], orders: [o(p)], openedAt: { [ES]: NOW - 60_000 } }),
      settings,
    });
    expect(enforcements(r.decisions)).toHaveLength(protectedBy ? 0 : 1);
  });

  it('a stop cancelled later restarts the grace from the moment it is seen gone', () => {
    const p = position(ES, -2, 5000);
    const openedAt = { [ES]: NOW - 3_600_000 };
    const withStop = runRule(rule, {
      account: accountState({ positions: [p], orders: [stopFor(p, 5010)], openedAt }),
      settings,
    });
    expect(withStop.decisions).toHaveLength(0);
    const cancelled = runRule(rule, {
      account: accountState({ positions: [p], openedAt }),
      settings,
      now: NOW + 100_000,
      memory: withStop.memory,
    });
    expect(cancelled.decisions).toHaveLength(0);
    expect(cancelled.memory.stopGrace[ES]?.since).toBe(NOW + 100_000);
    const later = runRule(rule, {
      account: accountState({ positions: [p], openedAt }),
      settings,
      now: NOW + 130_000,
      memory: cancelled.memory,
    });
    expect(enforcements(later.decisions)).toHaveLength(1);
  });

  it('closes once per unprotected stretch and forgets a closed position', () => {
    const p = position(ES, 1, 5000);
    const account = accountState({ positions: [p], openedAt: { [ES]: NOW - 60_000 } });
    const first = runRule(rule, { account, settings });
    const again = runRule(rule, { account, settings, now: NOW + 1000, memory: first.memory });
    expect(enforcements(again.decisions)).toHaveLength(0);
    const flat = runRule(rule, { account: accountState(), settings, memory: again.memory });
    expect(flat.memory.stopGrace).toEqual({});
    expect(Object.keys(flat.memory.latches)).toEqual([]);
  });

  it('exposes the grace deadline for a timer, and none once decided', () => {
    const p = position(ES, 1, 5000);
    const account = accountState({ positions: [p], openedAt: { [ES]: NOW - 10_000 } });
    const r = runRule(rule, { account, settings });
    const s = rule.settingsSchema.parse({ ...settings, mode: 'enforce' });
    const dctx = {
      accountId: 7,
      account,
      market: { contracts: {}, prices: {} },
      settings: s,
      mode: 'enforce' as const,
      now: NOW,
      tradingDay: DAY,
      health: health(),
      options: OPTIONS,
      memory: r.memory,
    };
    const deadline = (rule as Rule<typeof s>).nextDeadline?.(dctx);
    expect(deadline).toBe(NOW + 20_000);
    const fired = runRule(rule, { account, settings, now: NOW + 20_000, memory: r.memory });
    expect(enforcements(fired.decisions)).toHaveLength(1);
    expect(rule.nextDeadline?.({ ...dctx, memory: fired.memory })).toBeNull();
    expect(rule.nextDeadline?.({ ...dctx, memory: emptyRuleMemory() })).toBeNull();
  });

  it('in monitor mode says it would close, marked monitorOnly', () => {
    const p = position(ES, 1, 5000);
    const r = runRule(rule, {
      account: accountState({ positions: [p], openedAt: { [ES]: NOW - 60_000 } }),
      settings,
      mode: 'monitor',
    });
    expect(enforcements(r.decisions)[0]?.monitorOnly).toBe(true);
  });
});
