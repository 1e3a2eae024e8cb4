import type { GuardConfig } from '../rules/config-schema';
import type { Decision } from '../rules/decision';
import type { RuleEngine, RuleFailure } from '../rules/engine';
import type { TradingDayInfo } from '../rules/rule';
import type { EngineMemory } from '../rules/rule-memory';
import type { GuardState } from '../state/account-state';
import type { DomainEvent } from '../state/events';
import { reduce } from '../state/reducer';
import type { TradingDayClock } from '../state/trading-day';

/**
 * The one path every event takes (architecture.md): reducer → rules → decisions. Synchronous
 * and serial, so the state a rule sees is exactly the state after its event, and the
 * realtime session can rely on `getState()` reflecting what it just dispatched. Effects
 * (persistence, enforcement, journal, views) leave through the callbacks.
 */
export interface EventPipeline {
  dispatch(events: readonly DomainEvent[]): void;
  state(): GuardState;
  memory(): EngineMemory;
  /** Replace state and memory (after loading them at start). */
  reset(state: GuardState, memory: EngineMemory): void;
  readonly stats: { events: number; decisions: number; lastEventAt: number | null };
}

export interface EventPipelineOptions {
  engine: RuleEngine;
  config: () => GuardConfig;
  tradingDay: () => TradingDayClock;
  now: () => number;
  initialState: GuardState;
  initialMemory: EngineMemory;
  /** The state changed (persist it, refresh views). */
  onState: (state: GuardState, event: DomainEvent) => void;
  onMemory: (memory: EngineMemory) => void;
  onDecisions: (decisions: readonly Decision[], event: DomainEvent) => void;
  /** Rules that started failing (they decide nothing until they work again; the others do). */
  onRuleFailures?: (failures: readonly RuleFailure[], event: DomainEvent) => void;
  /** After each event's rules ran: lockout guard, market subscriptions … */
  onEvent?: (event: DomainEvent, state: GuardState) => void;
}

/** Events the rules listen to: everything but the connection's own health, which rule 10 reads too. */
export function tradingDayInfo(clock: TradingDayClock, now: number): TradingDayInfo {
  return { key: clock.tradingDayOf(now), start: clock.previousReset(now), nextReset: clock.nextReset(now) };
}

export function createEventPipeline(options: EventPipelineOptions): EventPipeline {
  let state = options.initialState;
  let memory = options.initialMemory;
  const stats = { events: 0, decisions: 0, lastEventAt: null as number | null };

  function one(event: DomainEvent): void {
    const tradingDay = options.tradingDay();
    const result = reduce(state, event, { tradingDay });
    stats.events += 1;
    stats.lastEventAt = event.receivedAt;
    if (result.changed) {
      state = result.state;
      options.onState(state, event);
    }
    const now = options.now();
    const evaluated = options.engine.evaluate({
      config: options.config(),
      state,
      memory,
      event,
      now,
      tradingDay: tradingDayInfo(tradingDay, now),
    });
    if (evaluated.memory !== memory) {
      memory = evaluated.memory;
      options.onMemory(memory);
    }
    if (evaluated.failures.length > 0) options.onRuleFailures?.(evaluated.failures, event);
    if (evaluated.decisions.length > 0) {
      stats.decisions += evaluated.decisions.length;
      options.onDecisions(evaluated.decisions, event);
    }
    options.onEvent?.(event, state);
  }

  return {
    dispatch(events) {
      for (const event of events) one(event);
    },
    state: () => state,
    memory: () => memory,
    reset(next, nextMemory) {
      state = next;
      memory = nextMemory;
    },
    stats,
  };
}
