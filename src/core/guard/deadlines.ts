import type { LockoutBook } from '../lockouts/lockout-book';
import type { Clock, Scheduler } from '../ports';
import type { GuardConfig } from '../rules/config/config-schema';
import type { RuleEngine } from '../rules/engine/engine';
import type { EngineMemory } from '../rules/rule-memory';
import type { GuardState } from '../state/account-state';
import type { TradingDayClock } from '../state/trading-day';
import { tradingDayInfo } from './event-pipeline';

/** Deadline names: each fires `guard.onDeadline(name)`, which ticks everything (idempotent). */
export const DEADLINES = { reset: 'reset', lockout: 'lockout-expiry', rules: 'rule-deadline' } as const;
/** A hand-over to the local clock that moved less than this stands. */
const LOCAL_SLACK_MS = 1_000;
/** A deadline already due fires again at most this often (one that cannot be met must not spin). */
const REFIRE_MS = 1_000;

/**
 * Keeps the scheduler armed for the next trading-day reset, the earliest lockout expiry and
 * the earliest rule deadline (stop-loss grace, trading-hours window). The scheduler is backed
 * by chrome.alarms, so each still fires after the worker was stopped. Deadlines are in the
 * guard's time; the scheduler counts on the local clock, so each is handed over through
 * `toLocal` and handed over again when the local clock moved against the guard's.
 */
export function createDeadlines(deps: {
  scheduler: Scheduler;
  clock: Clock;
  /** A guard-time deadline on the scheduler's clock (identity when they are one clock). */
  toLocal?: (at: number) => number;
  dayClock: () => TradingDayClock;
  /** When the held-back config comes into force (null: nothing held back). */
  pendingAt?: () => number | null;
  lockouts: Pick<LockoutBook, 'nextExpiry'>;
  engine: Pick<RuleEngine, 'nextDeadline'>;
  config: () => GuardConfig;
  state: () => GuardState;
  memory: () => EngineMemory;
}) {
  const armed = new Map<string, { at: number; local: number }>();
  const lastFired = new Map<string, number>();
  const toLocal = deps.toLocal ?? ((at: number) => at);
  const arm = (name: string, due: number | null) => {
    if (due === null) {
      if (armed.has(name)) deps.scheduler.cancel(name);
      armed.delete(name);
      return;
    }
    const fired = lastFired.get(name);
    const at = fired !== undefined && due <= fired ? fired + REFIRE_MS : due;
    const local = toLocal(at);
    const prev = armed.get(name);
    if (prev && prev.at === at && Math.abs(prev.local - local) < LOCAL_SLACK_MS) return;
    armed.set(name, { at, local });
    deps.scheduler.schedule(name, local);
  };
  const api = {
    /**
     * The next reset — or at once, while the last one's work is not done (level, not edge):
     * the state still in an earlier trading day, or a held-back config whose time has come. A
     * tick begun a hair before the reset judges the old day, and by the time it re-arms the
     * next reset is tomorrow's; without this the roll would wait for the watchdog.
     */
    armReset() {
      const calendar = deps.dayClock();
      const now = deps.clock.now();
      let at = calendar.nextReset(now);
      const stateDay = deps.state().tradingDay;
      if (stateDay !== undefined && stateDay < calendar.tradingDayOf(now)) at = calendar.previousReset(now);
      const pendingAt = deps.pendingAt?.() ?? null;
      if (pendingAt !== null) at = Math.min(at, pendingAt);
      arm(DEADLINES.reset, at);
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
    /**
     * A deadline fired: its timer is spent, so the next arm schedules it again even at the
     * same time. A timer may fire a hair before its time (Node's and browsers' can, by up to
     * a millisecond; a local clock set ahead, more); then nothing is due yet, and without this
     * the deadline would wait for the watchdog (30 s) — an unlock, a reset or a trading
     * window's end that late.
     */
    fired(name: string) {
      armed.delete(name);
      lastFired.set(name, deps.clock.now());
    },
    armAll() {
      api.armReset();
      api.armLockouts();
      api.armRules();
    },
    armed: () => Object.fromEntries([...armed].map(([name, a]) => [name, a.at])),
  };
  return api;
}

export type Deadlines = ReturnType<typeof createDeadlines>;
