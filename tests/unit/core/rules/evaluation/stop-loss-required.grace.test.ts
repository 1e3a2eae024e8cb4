import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../../src/core/gateway/enums';
import { parseConfig } from '../../../../../src/core/rules/config/config-schema';
import { createRuleEngine } from '../../../../../src/core/rules/engine/engine';
import { stopLossRequiredRule as rule } from '../../../../../src/core/rules/evaluation/stop-loss-required';
import { emptyEngineMemory, emptyRuleMemory, type RuleMemory } from '../../../../../src/core/rules/rule-memory';
import type { AccountState } from '../../../../../src/core/state/account-state';
import {
  accountState,
  DAY,
  ES,
  enforcements,
  guardState,
  MNQ,
  NOW,
  position,
  runRule,
  stopFor,
  tick,
} from '../fixtures';
import { readContext } from '../meter-fixture';

/** stopLossRequired: when its grace starts and ends, what it says, and when it asks for a tick. */

const settings = { graceSec: 30 };
const closes = (account: AccountState, now: number, memory?: RuleMemory) =>
  runRule(rule, { account, settings, now, ...(memory ? { memory } : {}) });
const deadline = (account: AccountState, memory: RuleMemory, now = NOW) =>
  rule.nextDeadline?.(readContext(rule, { account, settings, memory, now }));

describe('stopLossRequired: the grace', () => {
  it('gives a position it never saw open the whole grace from first sight', () => {
    const p = position(ES, 1, 5000);
    const account = accountState({ positions: [p] });
    const first = closes(account, NOW);
    expect(first.decisions).toEqual([]);
    const almost = closes(account, NOW + 29_999, first.memory);
    expect(almost.decisions).toEqual([]);
    expect(enforcements(closes(account, NOW + 30_000, almost.memory).decisions)).toHaveLength(1);
  });

  it('ends the grace when a stop is placed: cancelled later, the grace starts again from then', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW - 20_000 };
    const bare = accountState({ positions: [p], openedAt });
    const running = closes(bare, NOW);
    const stopped = closes(
      accountState({ positions: [p], orders: [stopFor(p, 4990)], openedAt }),
      NOW + 5000,
      running.memory,
    );
    const cancelled = closes(bare, NOW + 60_000, stopped.memory);
    expect(cancelled.decisions).toEqual([]);
    expect(enforcements(closes(bare, NOW + 90_000, cancelled.memory).decisions)).toHaveLength(1);
  });

  it('writes nothing when it judges a protected position again', () => {
    const p = position(ES, 1, 5000);
    const account = accountState({ positions: [p], orders: [stopFor(p, 4990)], openedAt: { [ES]: NOW - 60_000 } });
    const first = closes(account, NOW);
    expect(closes(account, NOW + 1000, first.memory).memory).toBe(first.memory);
  });

  it('says how long the position went without a stop, against the grace', () => {
    const account = accountState({ positions: [position(ES, 1, 5000)], openedAt: { [ES]: NOW - 45_000 } });
    const [close] = enforcements(closes(account, NOW).decisions);
    expect(close?.reason).toBe(`No protective stop on ${ES} for 45 s (grace 30 s)`);
    expect(close?.figures).toEqual({ contractId: ES, unprotectedSec: 45, graceSec: 30 });
  });

  it('switched from monitor to enforce, closes the position it only reported before', () => {
    const config = (mode: string) => {
      const r = parseConfig({ defaultProfile: { rules: { stopLossRequired: { mode, graceSec: 30 } } } });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.config;
    };
    const engine = createRuleEngine();
    const state = guardState([accountState({ positions: [position(ES, 1, 5000)], openedAt: { [ES]: NOW - 60_000 } })]);
    const run = (mode: string, memory = emptyEngineMemory()) =>
      engine.evaluate({ config: config(mode), state, memory, event: tick(), now: NOW, tradingDay: DAY });
    const ours = (r: ReturnType<typeof run>) => enforcements(r.decisions).filter((d) => d.ruleId === rule.id);
    const monitor = run('monitor');
    expect(ours(monitor)).toMatchObject([{ monitorOnly: true, action: { type: 'close-position', contractId: ES } }]);
    expect(ours(run('enforce', monitor.memory))).toMatchObject([
      { monitorOnly: false, action: { type: 'close-position', contractId: ES } },
    ]);
  });
});

describe('stopLossRequired: when it asks for a tick', () => {
  it.each([
    { name: 'listed first', openedAgo: { [ES]: 20_000, [MNQ]: 10_000 } },
    { name: 'listed last', openedAgo: { [ES]: 10_000, [MNQ]: 20_000 } },
  ])('asks for the earliest end of several graces, the earliest $name', ({ openedAgo }) => {
    const account = accountState({
      positions: [position(ES, 1, 5000), position(MNQ, 1, 100)],
      openedAt: { [ES]: NOW - (openedAgo[ES] ?? 0), [MNQ]: NOW - (openedAgo[MNQ] ?? 0) },
    });
    expect(deadline(account, closes(account, NOW).memory)).toBe(NOW + 10_000);
  });

  it('asks for no tick for a grace whose position has gone meanwhile (closed while the worker slept)', () => {
    const memory = {
      ...emptyRuleMemory(DAY.key),
      stopGrace: { [ES]: { positionId: 1, type: 1, since: NOW - 10_000 } },
    };
    expect(deadline(accountState(), memory)).toBeNull();
  });

  it('after a stop came and went on a position it already acted on, asks for a tick at the new grace’s end', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW - 60_000 };
    const bare = accountState({ positions: [p], openedAt });
    // Monitor mode: the close is only reported, so the position stays open.
    const monitor = (account: AccountState, now: number, memory: RuleMemory) =>
      runRule(rule, { account, settings, now, memory, mode: 'monitor' });
    const reported = monitor(bare, NOW, emptyRuleMemory(DAY.key));
    expect(enforcements(reported.decisions)).toHaveLength(1);
    const withStop = accountState({ positions: [p], orders: [stopFor(p, 4990)], openedAt });
    const stopped = monitor(withStop, NOW + 10_000, reported.memory);
    const cancelledAt = NOW + 20_000;
    const cancelled = monitor(
      accountState({ positions: [p], orders: [stopFor(p, 4990, { status: OrderStatus.Cancelled })], openedAt }),
      cancelledAt,
      stopped.memory,
    );
    expect(cancelled.decisions).toEqual([]);
    expect(deadline(bare, cancelled.memory, cancelledAt)).toBe(cancelledAt + 30_000);
    expect(enforcements(monitor(bare, cancelledAt + 30_000, cancelled.memory).decisions)).toHaveLength(1);
  });
});
