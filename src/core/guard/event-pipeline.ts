import type { GuardConfig } from '../rules/config/config-schema';
import type { Decision } from '../rules/decision';
import type { RuleEngine, RuleFailure } from '../rules/engine/engine';
import type { TradingDayInfo } from '../rules/rule';
import type { EngineMemory } from '../rules/rule-memory';
import type { GuardState } from '../state/account-state';
import { currentTradingDay } from '../state/event-day';
import type { DomainEvent } from '../state/events';
import { reduce } from '../state/reducer';
import type { TradingDayClock } from '../state/trading-day';

/**
 * The one path every event takes (docs/architecture.md): reducer → rules → decisions. Synchronous
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

/** The guard's current trading day for the rules and the views: `now`'s, or the state's if an event moved it on (event-day.ts). */
export function tradingDayInfo(clock: TradingDayClock, now: number, stateDay?: string): TradingDayInfo {
  const day = currentTradingDay(clock, now, stateDay);
  return { key: day.tradingDay, start: day.start, nextReset: day.end };
}

export function createEventPipeline(options: EventPipelineOptions): EventPipeline {
  let state = options.initialState;
  let memory = options.initialMemory;
  const stats = { events: 0, decisions: 0, lastEventAt: null as number | null };

  function one(event: DomainEvent): void {
    const tradingDay = options.tradingDay();
    const now = options.now();
    const result = reduce(state, event, { tradingDay, now });
    stats.events += 1;
    stats.lastEventAt = event.receivedAt;
    if (result.changed) {
      state = result.state;
      options.onState(state, event);
    }
    // The rules judge the day the state is in: the reducer decided it (one function, never two answers).
    const evaluated = options.engine.evaluate({
      config: options.config(),
      state,
      memory,
      event,
      now,
      tradingDay: tradingDayInfo(tradingDay, now, state.tradingDay),
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
