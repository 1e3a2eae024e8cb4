import { describe, expect, it } from 'vitest';
import { PositionType } from '../../../../../src/core/gateway/enums';
import type { Position } from '../../../../../src/core/gateway/schemas';
import { createRuleEngine } from '../../../../../src/core/rules/engine/engine';
import { stopLossRequiredRule as rule } from '../../../../../src/core/rules/evaluation/stop-loss-required';
import { emptyEngineMemory, normalizeRuleMemory, type RuleMemory } from '../../../../../src/core/rules/rule-memory';
import { only } from '../engine/engine-config';
import { accountState, DAY, ES, enforcements, guardState, NOW, position, runRule, stopFor, tick } from '../fixtures';
import { readContext } from '../meter-fixture';

/**
 * Hole: the grace start was kept per contract, not per position, so a new position in the same
 * contract inherited the start of the one before it: a long left 20 s without a stop that
 * reversed to short had the short closed 10 s later, and a position that closed and reopened
 * while the worker slept or the rule was off was closed on the old one's clock. Every new
 * position (another id, the other side, reopened after flat) gets its own grace; a position
 * already running its grace keeps it through restarts, settings changes and the reset.
 */

const settings = { graceSec: 30 };
const S = 1000;

/** One evaluation of the rule on `positions` at `at`, after `memory`. */
function at(
  atMs: number,
  positions: Position[],
  openedAt: Record<string, number>,
  memory?: RuleMemory,
  orders: ReturnType<typeof stopFor>[] = [],
) {
  return runRule(rule, { account: accountState({ positions, orders, openedAt }), settings, now: atMs, memory });
}

function deadline(r: ReturnType<typeof at>, positions: Position[], openedAt: Record<string, number>) {
  return rule.nextDeadline?.(
    readContext(rule, { account: accountState({ positions, openedAt }), settings, memory: r.memory }),
  );
}

/** The memory as a restarted worker reads it back from storage. */
const reloaded = (m: RuleMemory) => normalizeRuleMemory(JSON.parse(JSON.stringify(m)) as RuleMemory, m.day);

describe('stopLossRequired: each position gets its own grace', () => {
  it.each([
    { how: 'as a new position (new id)', short: (long: Position) => position(ES, -1, 5000, { id: long.id + 1 }) },
    {
      how: 'in place (same id, other side)',
      short: (long: Position) => ({ ...long, type: PositionType.Short }),
    },
  ])('a long held 20 s without a stop that reverses to short $how gives the short the full grace', ({ short }) => {
    const long = position(ES, 2, 5000);
    const opened = at(NOW, [long], { [ES]: NOW });
    const s = short(long);
    const reversedAt = NOW + 20 * S;
    const reversed = at(reversedAt, [s], { [ES]: reversedAt }, opened.memory);
    expect(reversed.decisions).toEqual([]);
    expect(reversed.memory.stopGrace[ES]).toEqual({ positionId: s.id, type: PositionType.Short, since: reversedAt });
    expect(deadline(reversed, [s], { [ES]: reversedAt })).toBe(reversedAt + 30 * S);
    // Where the long's grace would have ended: the short has had 10 s.
    const tenLater = at(NOW + 30 * S, [s], { [ES]: reversedAt }, reversed.memory);
    expect(enforcements(tenLater.decisions)).toEqual([]);
    const justBefore = at(reversedAt + 30 * S - 1, [s], { [ES]: reversedAt }, tenLater.memory);
    expect(enforcements(justBefore.decisions)).toEqual([]);
    const due = at(reversedAt + 30 * S, [s], { [ES]: reversedAt }, justBefore.memory);
    expect(enforcements(due.decisions).map((d) => d.action)).toEqual([{ type: 'close-position', contractId: ES }]);
  });

  it('a position that closed and reopened between two evaluations (the worker asleep) is judged from its own opening', () => {
    const first = position(ES, 1, 5000);
    const seen = at(NOW, [first], { [ES]: NOW });
    // Asleep from NOW + 1 s: the first closed, a second opened at NOW + 20 s; awake at NOW + 25 s.
    const second = position(ES, 1, 5010);
    const reopenedAt = NOW + 20 * S;
    const awake = at(NOW + 25 * S, [second], { [ES]: reopenedAt }, seen.memory);
    expect(awake.decisions).toEqual([]);
    const oldDeadline = at(NOW + 45 * S, [second], { [ES]: reopenedAt }, awake.memory);
    expect(enforcements(oldDeadline.decisions)).toEqual([]);
    const due = at(reopenedAt + 30 * S, [second], { [ES]: reopenedAt }, oldDeadline.memory);
    expect(enforcements(due.decisions)).toHaveLength(1);
  });

  it('a position that opened while the rule was off is judged from its opening, not as the protected one before it', () => {
    const first = position(ES, 1, 5000);
    const protectedOnce = at(NOW, [first], { [ES]: NOW }, undefined, [stopFor(first, 4990)]);
    expect(protectedOnce.decisions).toEqual([]);
    // Rule off: the first closes, a second opens at NOW + 60 s without a stop; rule on 40 s later.
    const second = position(ES, 1, 5010);
    const openedAt = { [ES]: NOW + 60 * S };
    const backOn = at(NOW + 100 * S, [second], openedAt, protectedOnce.memory);
    expect(enforcements(backOn.decisions).map((d) => d.action)).toEqual([{ type: 'close-position', contractId: ES }]);
  });

  it('a protected long reversed in place (same id) while the rule was off is a new, unprotected short from the reversal', () => {
    const long = position(ES, 1, 5000);
    const protectedOnce = at(NOW, [long], { [ES]: NOW }, undefined, [stopFor(long, 4990)]);
    const short = { ...long, type: PositionType.Short };
    const reversedAt = { [ES]: NOW + 60 * S };
    const backOn = at(NOW + 90 * S, [short], reversedAt, protectedOnce.memory);
    expect(enforcements(backOn.decisions)).toHaveLength(1);
  });

  it('a position whose stop is cancelled after a reversal restarts its grace from the cancel, not from the reversal', () => {
    const long = position(ES, 1, 5000);
    const first = at(NOW, [long], { [ES]: NOW });
    const short = position(ES, -1, 5000, { id: long.id + 1 });
    const reversedAt = NOW + 10 * S;
    const withStop = at(reversedAt, [short], { [ES]: reversedAt }, first.memory, [stopFor(short, 5010)]);
    expect(withStop.memory.stopGrace[ES]).toBeUndefined();
    const cancelled = at(NOW + 100 * S, [short], { [ES]: reversedAt }, withStop.memory);
    expect(cancelled.decisions).toEqual([]);
    expect(enforcements(at(NOW + 129 * S, [short], { [ES]: reversedAt }, cancelled.memory).decisions)).toEqual([]);
    expect(enforcements(at(NOW + 130 * S, [short], { [ES]: reversedAt }, cancelled.memory).decisions)).toHaveLength(1);
  });

  it('a position that grows or shrinks keeps its running grace', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW };
    const first = at(NOW, [p], openedAt);
    const added = at(NOW + 20 * S, [{ ...p, size: 3 }], openedAt, first.memory);
    expect(added.decisions).toEqual([]);
    const due = at(NOW + 30 * S, [{ ...p, size: 2 }], openedAt, added.memory);
    expect(enforcements(due.decisions)).toHaveLength(1);
  });

  it('closes again a new position in the contract after the one before it was closed on the same clock reading', () => {
    const first = position(ES, 1, 5000);
    const closed = at(NOW + 30 * S, [first], { [ES]: NOW });
    expect(enforcements(closed.decisions)).toHaveLength(1);
    // A new position seen at once, opened in the same second as the first (fills that fast tie).
    const second = position(ES, 1, 5000);
    const again = at(NOW + 30 * S, [second], { [ES]: NOW }, closed.memory);
    expect(enforcements(again.decisions)).toHaveLength(1);
  });
});

describe('stopLossRequired: a running grace is never restarted', () => {
  it('by a worker restart mid-grace: the deadline stays where it was', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW };
    const before = at(NOW + 20 * S, [p], openedAt);
    const after = at(NOW + 25 * S, [p], openedAt, reloaded(before.memory));
    expect(after.decisions).toEqual([]);
    expect(deadline(after, [p], openedAt)).toBe(NOW + 30 * S);
    expect(enforcements(at(NOW + 30 * S, [p], openedAt, reloaded(after.memory)).decisions)).toHaveLength(1);
  });

  it('by a worker restart after a cancelled stop: the grace runs from the cancel', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW - 3_600_000 };
    const withStop = at(NOW, [p], openedAt, undefined, [stopFor(p, 4990)]);
    const cancelled = at(NOW + 10 * S, [p], openedAt, withStop.memory);
    const restarted = at(NOW + 30 * S, [p], openedAt, reloaded(cancelled.memory));
    expect(restarted.decisions).toEqual([]);
    expect(enforcements(at(NOW + 40 * S, [p], openedAt, reloaded(restarted.memory)).decisions)).toHaveLength(1);
  });

  it('by the reset: a position left without a stop across 17:00 CT is closed when its grace ends', () => {
    const engine = createRuleEngine();
    const config = only({ stopLossRequired: { mode: 'enforce', graceSec: 30 } });
    const p = position(ES, 1, 5000);
    const reset = DAY.nextReset;
    const state = guardState([accountState({ positions: [p], openedAt: { [ES]: reset - 20 * S } })]);
    const nextDay = { key: '2026-11-26', start: reset, nextReset: reset + 86_400_000 };
    const before = engine.evaluate({
      config,
      state,
      memory: emptyEngineMemory(),
      event: tick(reset - 10 * S),
      now: reset - 10 * S,
      tradingDay: DAY,
    });
    expect(before.decisions).toEqual([]);
    const afterReset = (now: number) =>
      engine.evaluate({
        config,
        state,
        memory: before.memory,
        event: tick(now),
        now,
        tradingDay: nextDay,
      });
    expect(enforcements(afterReset(reset + 9 * S).decisions)).toEqual([]);
    expect(enforcements(afterReset(reset + 10 * S).decisions)).toHaveLength(1);
  });
});

describe('stopLossRequired: grace starts stored before positions were told apart', () => {
  it('an unprotected position keeps the stored start after an upgrade: no fresh grace', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW };
    const old = normalizeRuleMemory(
      { day: DAY.key, stopGrace: { [ES]: NOW } as unknown as RuleMemory['stopGrace'] },
      DAY.key,
    );
    const r = at(NOW + 29 * S, [p], openedAt, old);
    expect(r.decisions).toEqual([]);
    expect(r.memory.stopGrace[ES]).toEqual({ positionId: p.id, type: PositionType.Long, since: NOW });
    expect(enforcements(at(NOW + 30 * S, [p], openedAt, r.memory).decisions)).toHaveLength(1);
  });

  it('a stored start older than the position open now still counts (it may have been this one’s)', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW + 20 * S };
    const old = normalizeRuleMemory(
      { day: DAY.key, stopGrace: { [ES]: NOW } as unknown as RuleMemory['stopGrace'] },
      DAY.key,
    );
    expect(enforcements(at(NOW + 30 * S, [p], openedAt, old).decisions)).toHaveLength(1);
  });

  it('a stop seen on a position, noted by its id alone, still makes a later cancel restart the grace from then', () => {
    const p = position(ES, 1, 5000);
    const openedAt = { [ES]: NOW - 3_600_000 };
    const old = normalizeRuleMemory(
      { day: DAY.key, latches: { [`stopLossRequired|seen|${ES}`]: { sig: String(p.id), until: 0 } } },
      DAY.key,
    );
    const cancelled = at(NOW, [p], openedAt, old);
    expect(cancelled.decisions).toEqual([]);
    expect(enforcements(at(NOW + 30 * S, [p], openedAt, cancelled.memory).decisions)).toHaveLength(1);
  });
});
