import { describe, expect, it } from 'vitest';
import { createEventPipeline, tradingDayInfo } from '../../../../src/core/guard/event-pipeline';
import { defaultConfig, type GuardConfig } from '../../../../src/core/rules/config/config-schema';
import type { Decision } from '../../../../src/core/rules/decision';
import { createRuleEngine, type EngineInput, type RuleEngine } from '../../../../src/core/rules/engine/engine';
import { type EngineMemory, emptyEngineMemory } from '../../../../src/core/rules/rule-memory';
import { createEmptyGuardState, type GuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';
import { account, ev, T0, trade } from '../state/fixtures';

const RESET = Date.parse('2026-11-25T23:00:00Z');

function enforcing(limit: number): GuardConfig {
  const c = defaultConfig();
  c.defaultProfile.rules.dailyRealizedLoss = { ...c.defaultProfile.rules.dailyRealizedLoss, mode: 'enforce', limit };
  return c;
}

function setup(options: { engine?: RuleEngine; config?: GuardConfig; now?: () => number } = {}) {
  const log: string[] = [];
  const states: GuardState[] = [];
  const memories: EngineMemory[] = [];
  const decided: Array<{ decisions: readonly Decision[]; event: DomainEvent }> = [];
  const seenByOnEvent: Array<{ event: DomainEvent; state: GuardState }> = [];
  const pipeline = createEventPipeline({
    engine: options.engine ?? createRuleEngine(),
    config: () => options.config ?? enforcing(100),
    tradingDay: () => createTradingDayClock(),
    now: options.now ?? (() => T0),
    initialState: createEmptyGuardState(T0),
    initialMemory: emptyEngineMemory(),
    onState: (state, event) => {
      log.push(`state:${event.kind}`);
      states.push(state);
    },
    onMemory: (m) => {
      log.push('memory');
      memories.push(m);
    },
    onDecisions: (decisions, event) => {
      log.push(`decisions:${decisions.length}`);
      decided.push({ decisions, event });
    },
    onEvent: (event, state) => {
      log.push(`event:${event.kind}`);
      seenByOnEvent.push({ event, state });
    },
  });
  return { pipeline, log, states, memories, decided, seenByOnEvent };
}

describe('event pipeline', () => {
  it('describes the trading day of a moment', () => {
    expect(tradingDayInfo(createTradingDayClock(), T0)).toEqual({
      key: '2026-11-25',
      start: RESET - 24 * 3_600_000,
      nextReset: RESET,
    });
  });

  it('runs reducer → rules → decisions → onEvent, in order, for each event of a batch', () => {
    const { pipeline, log, decided, seenByOnEvent } = setup();
    pipeline.dispatch([ev.account(account(7)), ev.trade(trade({ id: 1, profitAndLoss: -150, fees: 0.74 }))]);
    expect(log.filter((l) => l !== 'memory')).toEqual([
      'state:account',
      'event:account',
      'state:trade',
      'decisions:1',
      'event:trade',
    ]);
    expect(decided[0]?.decisions[0]).toMatchObject({ kind: 'enforce', ruleId: 'dailyRealizedLoss', accountId: 7 });
    // The rules and onEvent see the state AFTER the event.
    expect(Object.keys(seenByOnEvent[1]?.state.accounts['7']?.trades ?? {})).toEqual(['1']);
    expect(pipeline.stats).toMatchObject({ events: 2, decisions: 1, lastEventAt: T0 });
    expect(pipeline.state().accounts['7']?.trades['1']).toBeDefined();
  });

  it('reports no state change for an event that changes nothing, but still runs the rules and onEvent', () => {
    const { pipeline, log } = setup();
    pipeline.dispatch([ev.account(account(7))]);
    log.length = 0;
    pipeline.dispatch([ev.account(account(7))]);
    expect(log).toEqual(['event:account']);
  });

  it('passes the config, state, memory, time and trading day to the engine, and keeps the memory it returns', () => {
    const inputs: EngineInput[] = [];
    const next: EngineMemory = { accounts: {} };
    const engine: RuleEngine = {
      evaluate: (input) => {
        inputs.push(input);
        return { decisions: [], memory: next, notes: [], failures: [] };
      },
      nextDeadline: () => null,
    };
    const config = enforcing(300);
    const { pipeline, memories, decided } = setup({ engine, config });
    pipeline.dispatch([ev.tick(T0)]);
    expect(inputs[0]).toMatchObject({ config, now: T0, tradingDay: { key: '2026-11-25', nextReset: RESET } });
    expect(memories).toEqual([next]);
    expect(pipeline.memory()).toBe(next);
    expect(decided).toEqual([]);
    // The same memory object again is no change.
    pipeline.dispatch([ev.tick(T0)]);
    expect(memories).toHaveLength(1);
    expect(inputs[1]?.memory).toBe(next);
  });

  it('replaces state and memory on reset (after loading them at start)', () => {
    const { pipeline } = setup();
    const loaded = createEmptyGuardState(T0 - 1);
    const memory = emptyEngineMemory();
    pipeline.reset(loaded, memory);
    expect(pipeline.state()).toBe(loaded);
    expect(pipeline.memory()).toBe(memory);
  });

  describe('one trading day for the state and the rules, whichever clock is a few seconds ahead', () => {
    const NEXT_RESET = RESET + 24 * 3_600_000;
    /** A stop at the 17:00 CT reopen fills for −$150 (daily limit $100): stamped `stampMs`, dispatched at `nowMs`. */
    function stopFilledAtTheReopen(stampMs: number, nowMs: number) {
      const inputs: EngineInput[] = [];
      const real = createRuleEngine();
      const engine: RuleEngine = {
        evaluate: (input) => {
          inputs.push(input);
          return real.evaluate(input);
        },
        nextDeadline: (input) => real.nextDeadline(input),
      };
      let now = RESET - 60_000;
      const s = setup({ engine, now: () => now });
      s.pipeline.dispatch([ev.account(account(7), now)]);
      now = nowMs;
      s.pipeline.dispatch([ev.tick(now)]);
      s.pipeline.dispatch([
        ev.trade(
          trade({ id: 1, profitAndLoss: -150, fees: 0, creationTimestamp: new Date(stampMs).toISOString() }),
          now,
        ),
      ]);
      return { ...s, input: inputs.at(-1) };
    }

    it('enforces the loss at once and until the next day’s reset when the server’s stamp is a second ahead of the guard', () => {
      const { pipeline, decided, input } = stopFilledAtTheReopen(RESET + 200, RESET - 800);
      expect(pipeline.state().accounts['7']?.tradingDay).toBe('2026-11-26');
      expect(input?.tradingDay).toEqual({ key: '2026-11-26', start: RESET, nextReset: NEXT_RESET });
      expect(decided.at(-1)?.decisions[0]).toMatchObject({ kind: 'enforce', ruleId: 'dailyRealizedLoss' });
    });

    it('enforces the loss in the new day when the server’s stamp is a second behind the guard, which has already reset', () => {
      const { pipeline, decided, input } = stopFilledAtTheReopen(RESET - 800, RESET + 200);
      expect(pipeline.state().accounts['7']?.grossRealizedPnl).toBe(-150);
      expect(pipeline.state().accounts['7']?.tradingDay).toBe('2026-11-26');
      expect(input?.tradingDay).toEqual({ key: '2026-11-26', start: RESET, nextReset: NEXT_RESET });
      expect(decided.at(-1)?.decisions[0]).toMatchObject({ kind: 'enforce', ruleId: 'dailyRealizedLoss' });
    });
  });
});
