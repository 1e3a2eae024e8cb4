import type { TokenManager } from '../auth/token-manager';
import type { Enforcer } from '../enforce/enforcer';
import type { OrderManager } from '../gateway/order-manager';
import type { LockoutBook } from '../lockouts/lockout-book';
import type { Clock } from '../ports';
import type { RealtimeSession } from '../realtime/realtime-session';
import type { BreakerRegistry } from '../resilience/breaker-registry';
import type { RateLimiter } from '../resilience/rate-limiter';
import { createEmptyGuardState } from '../state/account-state';
import type { StatePersistence } from '../state/persistence';
import type { CatchUp } from './catch-up';
import type { ConfigHolder } from './config-holder';
import type { EventPipeline } from './event-pipeline';
import type { Guard } from './guard';
import type { GuardCredentials } from './guard-credentials';
import type { GuardTime } from './guard-time';
import type { LossAudit } from './loss-audit';
import type { RuleMemoryStore } from './rule-memory-store';

/**
 * The guard's life in the worker, which can die at any instruction.
 *
 *   start:    load config, state, rule memory, user name ─▶ lockouts, rate windows, breakers,
 *             token, server time ─▶ catch up (on the saved time) ─▶ judge every loaded
 *             account ─▶ ask the server the time ─▶ connect ─▶ resume intents and enforcements
 *   watchdog: (every 30 s, an alarm) start if not started ─▶ refresh the token if due ─▶
 *             reconcile ─▶ write refused lockouts ─▶ catch up
 *   stop:     disconnect ─▶ write state and server time ─▶ enforcer and token timers off
 */
export type GuardLifecycle = Pick<Guard, 'start' | 'stop' | 'watchdog' | 'flush' | 'reconcile'> & {
  /** Whether start() has run (and stop() has not since). */
  running(): boolean;
};

export function createGuardLifecycle(deps: {
  config: Pick<ConfigHolder, 'load'>;
  persistence: Pick<StatePersistence, 'load' | 'flush'>;
  memoryStore: Pick<RuleMemoryStore, 'load'>;
  credentials: Pick<GuardCredentials, 'load'>;
  pipeline: Pick<EventPipeline, 'reset' | 'dispatch' | 'state'>;
  lockouts: Pick<LockoutBook, 'load' | 'flush'>;
  limiter: Pick<RateLimiter, 'restore'>;
  breakers: Pick<BreakerRegistry, 'restore'>;
  tokens: Pick<TokenManager, 'restore' | 'state' | 'refreshIfDue' | 'dispose'>;
  time: Pick<GuardTime, 'load' | 'save' | 'verify'>;
  catchUp: Pick<CatchUp, 'tick' | 'rollOverEnforcements'>;
  session: Pick<RealtimeSession, 'start' | 'stop' | 'reconcile'>;
  orders: Pick<OrderManager, 'resumePending'>;
  enforcer: Pick<Enforcer, 'resume' | 'dispose'>;
  lossAudit: Pick<LossAudit, 'stop'>;
  clock: Clock;
  changed: () => void;
}): GuardLifecycle {
  const { pipeline, tokens, time, catchUp, session, clock } = deps;
  let started = false;

  /**
   * Level, not edge: every account is judged once as it was loaded. A breach acted on by a
   * worker that stopped before its lockout reached the disk is decided again here (its saved
   * state may already hold the day's trades, so REST would bring no new event for it). The
   * rules' memory keeps a breach that was recorded from firing twice. The picture is as old
   * as the last save: the enforcer reads REST before it acts on these (no fast path).
   */
  function judgeLoadedAccounts(): void {
    const now = clock.now();
    pipeline.dispatch(
      Object.values(pipeline.state().accounts)
        .filter((a) => !a.placeholder)
        .map((a) => ({ kind: 'account' as const, source: 'local' as const, receivedAt: now, account: a.account })),
    );
  }

  const lifecycle: GuardLifecycle = {
    running: () => started,
    async start() {
      if (started) return;
      started = true;
      await deps.config.load();
      const [state, memory] = await Promise.all([
        deps.persistence.load(),
        deps.memoryStore.load(),
        deps.credentials.load(),
      ]);
      pipeline.reset(state ?? createEmptyGuardState(clock.now()), memory);
      await Promise.all([
        deps.lockouts.load(),
        deps.limiter.restore(),
        deps.breakers.restore(),
        tokens.restore(),
        time.load(),
      ]);
      // An asleep worker may have missed the reset and lockout expiries: catch up first (on the
      // saved server time, slow but never fast), then again once the server has told the time.
      await catchUp.tick(false);
      judgeLoadedAccounts();
      void time.verify();
      if (tokens.state() !== 'none') session.start();
      void deps.orders.resumePending().catch(() => undefined);
      // A resumed enforcement may predate the reset the worker slept through.
      void deps.enforcer
        .resume()
        .then(catchUp.rollOverEnforcements)
        .catch(() => undefined);
      deps.changed();
    },
    async stop() {
      started = false;
      deps.lossAudit.stop();
      await session.stop();
      await deps.persistence.flush().catch(() => undefined);
      await time.save();
      deps.enforcer.dispose();
      tokens.dispose();
    },
    async watchdog() {
      if (!started) return lifecycle.start();
      if (tokens.state() !== 'none') {
        await tokens.refreshIfDue().catch(() => undefined);
        // The connection managers retry for ever on their own; a stopped worker lost them,
        // and `start()` above rebuilt them. Here a reconcile keeps REST and state close, hub
        // down or not: the poller's light pass misses a trade lost before the hub went down.
        await session.reconcile('watchdog').catch(() => undefined);
      }
      // Retries lockout writes a full disk refused (they hold in memory meanwhile).
      await deps.lockouts.flush().catch(() => undefined);
      await catchUp.tick();
    },
    async flush() {
      await deps.persistence.flush();
      await deps.lockouts.flush();
    },
    reconcile: (reason) => session.reconcile(reason).then(() => undefined),
  };
  return lifecycle;
}
