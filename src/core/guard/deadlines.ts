import type { LockoutBook } from '../enforce/lockouts';
import type { Clock, Scheduler } from '../ports';
import type { GuardConfig } from '../rules/config-schema';
import type { RuleEngine } from '../rules/engine';
import type { EngineMemory } from '../rules/rule-memory';
import type { GuardState } from '../state/account-state';
import type { TradingDayClock } from '../state/trading-day';
import { tradingDayInfo } from './event-pipeline';

/** Deadline names: each fires `guard.onDeadline(name)`, which ticks everything (idempotent). */
export const DEADLINES = { reset: 'reset', lockout: 'lockout-expiry', rules: 'rule-deadline' } as const;

/**
 * Keeps the scheduler armed for the next trading-day reset, the earliest lockout expiry and
 * the earliest rule deadline (stop-loss grace, trading-hours window). The scheduler is backed
 * by chrome.alarms, so each still fires after the worker was stopped.
 */
export function createDeadlines(deps: {
  scheduler: Scheduler;
  clock: Clock;
  dayClock: () => TradingDayClock;
  lockouts: Pick<LockoutBook, 'nextExpiry'>;
  engine: Pick<RuleEngine, 'nextDeadline'>;
  config: () => GuardConfig;
  state: () => GuardState;
  memory: () => EngineMemory;
}) {
  const armed = new Map<string, number>();
  const arm = (name: string, at: number | null) => {
    if (at === null) {
      if (armed.has(name)) deps.scheduler.cancel(name);
      armed.delete(name);
      return;
    }
    if (armed.get(name) === at) return;
    armed.set(name, at);
    deps.scheduler.schedule(name, at);
  };
  const api = {
    armReset() {
      arm(DEADLINES.reset, deps.dayClock().nextReset(deps.clock.now()));
    },
    armLockouts() {
      arm(DEADLINES.lockout, deps.lockouts.nextExpiry());
    },
    armRules() {
      const now = deps.clock.now();
      arm(
        DEADLINES.rules,
        deps.engine.nextDeadline({
          config: deps.config(),
          state: deps.state(),
          memory: deps.memory(),
          now,
          tradingDay: tradingDayInfo(deps.dayClock(), now, deps.state().tradingDay),
        }),
      );
    },
    /** The clock moved (a shifted clock in local builds): every deadline is scheduled again. */
    forget() {
      armed.clear();
    },
    armAll() {
      api.armReset();
      api.armLockouts();
      api.armRules();
    },
    armed: () => Object.fromEntries(armed),
  };
  return api;
}
