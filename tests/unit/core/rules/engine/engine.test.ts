import { describe, expect, it } from 'vitest';
import type { BaseSettings } from '../../../../../src/core/rules/catalog/rule-entry';
import type { GuardConfig } from '../../../../../src/core/rules/config/config-schema';
import { createRuleEngine } from '../../../../../src/core/rules/engine/engine';
import { maxContractsRule } from '../../../../../src/core/rules/evaluation/max-contracts';
import { stopLossRequiredRule } from '../../../../../src/core/rules/evaluation/stop-loss-required';
import { tradingPermissionRule } from '../../../../../src/core/rules/evaluation/trading-permission';
import { unrealizedLossRule } from '../../../../../src/core/rules/evaluation/unrealized-loss';
import type { Rule } from '../../../../../src/core/rules/rule';
import { emptyEngineMemory, emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import type { DomainEvent } from '../../../../../src/core/state/events';
import {
  accountState,
  DAY,
  ES,
  enforcements,
  guardState,
  MNQ,
  NOW,
  position,
  positionEvent,
  quoteEvent,
  tick,
  trade,
  tradeEvent,
} from '../fixtures';
import { only } from './engine-config';

const engine = createRuleEngine();
const run = (
  cfg: GuardConfig,
  state: ReturnType<typeof guardState>,
  event: DomainEvent,
  memory = emptyEngineMemory(),
  now = NOW,
) => engine.evaluate({ config: cfg, state, memory, event, now, tradingDay: DAY });

describe('rule engine', () => {
  const a1 = accountState({ id: 1, positions: [position(ES, 6, 5000)] });
  const a2 = accountState({ id: 2, positions: [position(MNQ, 60, 100)] });
  const maxContracts = only({ maxContracts: { mode: 'enforce', limit: 5, counting: 'contracts' } });

  it('runs the rules of the event’s own account only', () => {
    const state = guardState([a1, a2]);
    const r = run(maxContracts, state, positionEvent({ ...position(ES, 6, 5000), accountId: 1 }));
    expect(enforcements(r.decisions).map((d) => d.accountId)).toEqual([1]);
  });

  it('routes a quote to the accounts holding that contract', () => {
    const cfg = only({ unrealizedLoss: { mode: 'enforce', perPosition: 100 } });
    const b1 = accountState({ id: 1, positions: [position(ES, 1, 5000)] });
    const b2 = accountState({ id: 2, positions: [position(MNQ, 1, 5000)] });
    const b3 = accountState({ id: 3, positions: [position(ES, 1, 5000)] });
    const r = run(cfg, guardState([b1, b2, b3], { [ES]: 4990, [MNQ]: 1 }), quoteEvent(ES, 4990));
    expect(enforcements(r.decisions).map((d) => d.accountId)).toEqual([1, 3]);
  });

  it('runs timer ticks for every account', () => {
    const cfg = only({ tradingPermission: { mode: 'enforce' } });
    const c1 = accountState({ id: 1, canTrade: false });
    const c2 = accountState({ id: 2, canTrade: false });
    const r = run(cfg, guardState([c1, c2]), tick());
    expect(enforcements(r.decisions).map((d) => d.accountId)).toEqual([1, 2]);
  });

  it('skips accounts that are not monitored, and events for accounts it does not know', () => {
    const cfg = only({ maxContracts: { mode: 'enforce', limit: 5 } }, { monitoredAccountIds: [2] });
    const r = run(cfg, guardState([a1, a2]), positionEvent({ ...position(ES, 6, 5000), accountId: 1 }));
    expect(r.decisions).toHaveLength(0);
    const unknown = run(maxContracts, guardState([a1]), positionEvent({ ...position(ES, 6, 5000), accountId: 99 }));
    expect(unknown.decisions).toHaveLength(0);
  });

  it('respects modes: off runs nothing, monitor marks decisions monitorOnly', () => {
    const off = only({});
    expect(
      run(off, guardState([a1]), positionEvent({ ...position(ES, 6, 5000), accountId: 1 })).decisions,
    ).toHaveLength(0);
    const monitor = only({ maxContracts: { mode: 'monitor', limit: 5, counting: 'contracts' } });
    const r = run(monitor, guardState([a1]), positionEvent({ ...position(ES, 6, 5000), accountId: 1 }));
    expect(enforcements(r.decisions)[0]?.monitorOnly).toBe(true);
  });

  it('uses each account’s override blocks', () => {
    const cfg = only(
      { maxContracts: { mode: 'enforce', limit: 10, counting: 'contracts' } },
      {
        accountOverrides: { '1': { rules: { maxContracts: { mode: 'enforce', limit: 5, counting: 'contracts' } } } },
      },
    );
    const r = run(cfg, guardState([a1]), positionEvent({ ...position(ES, 6, 5000), accountId: 1 }));
    expect(enforcements(r.decisions)).toHaveLength(1);
  });

  it('returns the same memory object when nothing changed and never mutates the input', () => {
    const state = guardState([accountState({ id: 1, positions: [position(ES, 1, 5000)] })]);
    const m0 = { accounts: { '1': emptyRuleMemory(DAY.key) } };
    const quiet = run(maxContracts, state, positionEvent({ ...position(ES, 1, 5000), accountId: 1 }), m0);
    expect(quiet.memory).toBe(m0);
    const snapshot = JSON.stringify(m0);
    const breach = run(maxContracts, guardState([a1]), positionEvent({ ...position(ES, 6, 5000), accountId: 1 }), m0);
    expect(breach.memory).not.toBe(m0);
    expect(JSON.stringify(m0)).toBe(snapshot);
    expect(breach.memory.accounts['1']?.latches.maxContracts).toBeDefined();
  });

  it('decides once while the same breach stands (a duplicate event causes no second flatten)', () => {
    const cfg = only({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } });
    const t = { ...trade({ orderId: 1, profitAndLoss: -150 }), accountId: 1 };
    const state = guardState([accountState({ id: 1, trades: [t] })]);
    const first = run(cfg, state, tradeEvent(t));
    expect(enforcements(first.decisions)).toHaveLength(1);
    const dup = run(cfg, state, tradeEvent(t), first.memory);
    expect(dup.decisions).toHaveLength(0);
  });

  it('forgets the day’s warnings at a new trading day, and sweeps expired latches on ticks', () => {
    const cfg = only({ maxContracts: { mode: 'enforce', limit: 10, counting: 'contracts' } });
    const state = guardState([accountState({ id: 1, positions: [position(ES, 6, 5000)] })]);
    const ev = positionEvent({ ...position(ES, 6, 5000), accountId: 1 });
    const day1 = run(cfg, state, ev);
    expect(day1.decisions).toMatchObject([{ kind: 'warning', level: 0.5 }]);
    expect(run(cfg, state, ev, day1.memory).decisions).toHaveLength(0);
    const next = { key: '2026-11-26', start: DAY.nextReset, nextReset: DAY.nextReset + 86_400_000 };
    const day2 = engine.evaluate({
      config: cfg,
      state,
      memory: day1.memory,
      event: ev,
      now: DAY.nextReset + 1,
      tradingDay: next,
    });
    expect(day2.decisions).toMatchObject([{ kind: 'warning', level: 0.5 }]);
    const old = {
      accounts: {
        '1': { ...emptyRuleMemory(DAY.key), latches: { x: { sig: '', until: NOW - 1 }, y: { sig: '', until: 0 } } },
      },
    };
    const swept = run(only({ tradingPermission: { mode: 'enforce' } }), state, tick(), old);
    expect(Object.keys(swept.memory.accounts['1']?.latches ?? {})).toEqual(['y']);
  });

  it('decides a day lockout again after the reset (the latch ends with the trading day)', () => {
    const cfg = only({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } });
    const t1 = {
      ...trade({ orderId: 1, profitAndLoss: -150, creationTimestamp: '2026-11-25T22:59:59.999Z' }),
      accountId: 1,
    };
    const day1 = run(cfg, guardState([accountState({ id: 1, trades: [t1] })]), tradeEvent(t1));
    expect(enforcements(day1.decisions)).toHaveLength(1);
    // 17:00:00.000 Chicago: a new trading day with its own trades.
    const next = { key: '2026-11-26', start: DAY.nextReset, nextReset: DAY.nextReset + 86_400_000 };
    const t2 = {
      ...trade({ orderId: 2, profitAndLoss: -150, creationTimestamp: '2026-11-25T23:00:00.000Z' }),
      accountId: 1,
    };
    const state2 = guardState([accountState({ id: 1, trades: [t2], tradingDay: next.key })]);
    const day2 = engine.evaluate({
      config: cfg,
      state: state2,
      memory: day1.memory,
      event: tradeEvent(t2),
      now: DAY.nextReset,
      tradingDay: next,
    });
    expect(enforcements(day2.decisions)).toHaveLength(1);
  });

  it('mirrors a lockout to the other accounts of a copy-trade group', () => {
    const cfg = only(
      { dailyRealizedLoss: { mode: 'enforce', limit: 100 } },
      { accountGroups: [{ name: 'copy', accountIds: [1, 2, 3] }], monitoredAccountIds: [1, 2] },
    );
    const t = { ...trade({ orderId: 1, profitAndLoss: -150 }), accountId: 1 };
    const state = guardState([accountState({ id: 1, trades: [t] }), accountState({ id: 2 }), accountState({ id: 3 })]);
    const r = run(cfg, state, tradeEvent(t));
    expect(enforcements(r.decisions)).toMatchObject([
      { accountId: 1, action: { type: 'flatten' }, lockout: { end: { type: 'next-reset' } } },
      {
        accountId: 2,
        action: { type: 'flatten' },
        lockout: { end: { type: 'next-reset' } },
        figures: { sourceAccountId: 1 },
      },
    ]);
  });

  it('mirrors a lockout that leaves positions open with each member’s own positions', () => {
    const cfg = only(
      { weeklyTradeLimit: { mode: 'enforce', limit: 1 } },
      { accountGroups: [{ name: 'copy', accountIds: [1, 2] }] },
    );
    const t = { ...trade({ orderId: 1 }), accountId: 1 };
    const state = guardState([
      accountState({ id: 1, trades: [t], positions: [position(ES, 1, 5000)] }),
      accountState({ id: 2, positions: [position(MNQ, 3, 100)] }),
    ]);
    const r = run(cfg, state, tradeEvent(t));
    expect(enforcements(r.decisions)).toMatchObject([
      { accountId: 1, action: { type: 'none' }, lockout: { keep: { [ES]: 1 } } },
      { accountId: 2, action: { type: 'none' }, lockout: { keep: { [MNQ]: 3 } } },
    ]);
  });

  it('exposes the earliest deadline over all accounts and rules for the worker’s alarm', () => {
    const cfg = only({ stopLossRequired: { mode: 'enforce', graceSec: 30 }, tradingPermission: { mode: 'enforce' } });
    const d1 = accountState({ id: 1, positions: [position(ES, 1, 5000)], openedAt: { [ES]: NOW - 5000 } });
    const d2 = accountState({ id: 2, positions: [position(ES, 1, 5000)], openedAt: { [ES]: NOW - 20_000 } });
    const state = guardState([d1, d2]);
    const r = run(cfg, state, tick());
    expect(engine.nextDeadline({ config: cfg, state, memory: r.memory, now: NOW, tradingDay: DAY })).toBe(NOW + 10_000);
    const blind = guardState([d1, d2], {}, NOW - 25_000);
    expect(engine.nextDeadline({ config: cfg, state: blind, memory: r.memory, now: NOW, tradingDay: DAY })).toBe(
      NOW + 5001,
    );
  });

  it('notes unknown unrealized P&L instead of deciding', () => {
    const cfg = only({ unrealizedLoss: { mode: 'enforce', perPosition: 100, total: 100 } });
    const state = guardState([accountState({ id: 1, positions: [position(ES, 1, 5000)] })]);
    const r = run(cfg, state, positionEvent({ ...position(ES, 1, 5000), accountId: 1 }));
    expect(r.decisions).toHaveLength(0);
    expect(r.notes).toEqual([
      { ruleId: 'unrealizedLoss', accountId: 1, figures: { unrealizedPnl: 'unknown', contractId: ES } },
    ]);
  });

  describe('one rule failing never silences the others', () => {
    const boom = {
      ...unrealizedLossRule,
      evaluate: (): never => {
        throw new TypeError('cannot read tickSize');
      },
    };
    const isolated = createRuleEngine({ rules: [boom, maxContractsRule] as unknown as Rule<BaseSettings>[] });
    const cfg = only({
      unrealizedLoss: { mode: 'enforce', perPosition: 100 },
      maxContracts: { mode: 'enforce', limit: 5, counting: 'contracts' },
    });
    const state = guardState([a1]);
    const ev = positionEvent({ ...position(ES, 6, 5000), accountId: 1 });
    const evaluate = (memory = emptyEngineMemory()) =>
      isolated.evaluate({ config: cfg, state, memory, event: ev, now: NOW, tradingDay: DAY });

    it('lets the other rules decide as usual and reports the failing one once', () => {
      const r = evaluate();
      expect(enforcements(r.decisions)).toMatchObject([{ ruleId: 'maxContracts', accountId: 1 }]);
      expect(r.failures).toEqual([
        { ruleId: 'unrealizedLoss', accountId: 1, message: 'TypeError: cannot read tickSize', eventKind: 'position' },
      ]);
      expect(r.memory.accounts['1']?.failed).toEqual({
        unrealizedLoss: { message: 'TypeError: cannot read tickSize', since: NOW },
      });
      // Still failing on the next event: remembered, not reported again.
      expect(evaluate(r.memory).failures).toEqual([]);
    });

    it('clears the error once the rule works again', () => {
      const failed = evaluate();
      const healthy = createRuleEngine().evaluate({
        config: cfg,
        state,
        memory: failed.memory,
        event: ev,
        now: NOW,
        tradingDay: DAY,
      });
      expect(healthy.memory.accounts['1']?.failed).toEqual({});
    });

    it('asks no deadline of a rule whose deadline throws, and still gives the others’', () => {
      const badDeadline = {
        ...stopLossRequiredRule,
        id: 'stopLossRequired',
        nextDeadline: (): never => {
          throw new Error('x');
        },
      };
      const e = createRuleEngine({ rules: [badDeadline, tradingPermissionRule] as unknown as Rule<BaseSettings>[] });
      const c = only({ stopLossRequired: { mode: 'enforce' }, tradingPermission: { mode: 'enforce' } });
      const blind = guardState([a1], {}, NOW - 25_000);
      expect(e.nextDeadline({ config: c, state: blind, memory: emptyEngineMemory(), now: NOW, tradingDay: DAY })).toBe(
        NOW + 5001,
      );
    });
  });
});
