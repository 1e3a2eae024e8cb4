import { createEnforcer } from '../enforce/enforcer';
import { createLockoutGuard } from '../enforce/lockout-guard';
import { createLockoutBook } from '../lockouts/lockout-book';
import { createRealtimeSession } from '../realtime/realtime-session';
import type { Decision } from '../rules/decision';
import { createRuleEngine } from '../rules/engine/engine';
import { emptyEngineMemory } from '../rules/rule-memory';
import { createEmptyGuardState } from '../state/account-state';
import { createStatePersistence } from '../state/persistence';
import { createCatchUp } from './catch-up';
import { createConfigChangeLoop } from './config-change-loop';
import { createConfigHolder } from './config-holder';
import { createDeadlines } from './deadlines';
import { createEventIntake } from './event-intake';
import { createEventPipeline } from './event-pipeline';
import { createGatewayStack } from './gateway-stack';
import type { Guard } from './guard';
import { createGuardCommands } from './guard-commands';
import { createGuardCredentials } from './guard-credentials';
import { createGuardDays } from './guard-days';
import { enforcerTuning, type GuardDeps, sessionTuning } from './guard-deps';
import { createGuardLifecycle } from './guard-lifecycle';
import {
  accountGroupsIn,
  onLocalClock,
  pendingConfigAt,
  pingThrough,
  positionReadsIn,
  stateDayIn,
  tokenExpiryOf,
} from './guard-readers';
import { createGuardTime } from './guard-time';
import { createGuardView } from './guard-view';
import { createIntentPruning } from './intent-pruning';
import { createListeners } from './listeners';
import { createLockMeOut } from './lock-me-out';
import { createLockoutChangeLoop } from './lockout-change-loop';
import { createLossAudit } from './loss-audit';
import { createPipelineEffects } from './pipeline-effects';
import { createReconcileOnConvergedLoop } from './reconcile-on-converged-loop';
import { createRuleMemoryStore } from './rule-memory-store';
import { createStorageHealth, watchJournal, watchStore } from './storage-health';
import { createStorageHealthLoop } from './storage-health-loop';
import { createTimeMovedLoop } from './time-moved-loop';

/**
 * The guard of one gateway and one browser profile: wiring only, in dependency order. Every
 * part is built by its own file; the loops that feed back are named files too. The worker
 * (src/worker/guard-host.ts) owns one and rebuilds it when the gateway changes.
 *
 *   user hub, market hub ─┐                                   (realtime-session.ts)
 *   REST reconcile, poll ─┼─▶ parse (zod) ─▶ event intake ─▶ event pipeline
 *   catch-up 'tick' ──────┘                  (server time)     reducer ─▶ state ─▶ rule engine
 *        ▲                                                                          │
 *        │                                    pipeline effects ◀── decisions ───────┘
 *        │                                     │ state ─▶ persisted, views told
 *        │                                     │ enforcements ─▶ enforcer ─▶ order manager
 *        │                                     │                 (fast path, ─▶ rate limiter
 *        │                                     │                  lockouts,    ─▶ breakers
 *        │                                     │                  converge)    ─▶ REST client
 *        │                                     │ position/order ─▶ lockout guard ─▶ enforcer
 *        │                                     └ warnings, rule failures ─▶ journal
 *        │
 *   the loops back (each its own file):
 *     enforcement converged ───▶ reconcile the account through REST ─▶ events (above)
 *     lockout book changed ────▶ lockout deadline re-armed, views told
 *     config in force changed ─▶ symbol lockouts lifted, every account re-judged ('tick')
 *     storage ok ⇄ failing ────▶ journaled, refused lockout writes retried
 *     server time moved ───────▶ catch-up tick
 *     deadline, watchdog, clock change (from the worker) ─▶ catch-up tick
 *                                  (promote config, expire lockouts, roll the day, re-arm)
 *   views: every "changed" reaches `subscribe` listeners; the worker's snapshot pump redraws.
 *
 * Two pairs need each other, so one side reads the other late (only ever called once the
 * wiring is done): the guard's time pings the REST api, which runs on the guard's time; and
 * the event pipeline's state is read by parts the pipeline needs first (days, enforcer, lock
 * me out, deadlines).
 */
export function createGuard(deps: GuardDeps): Guard {
  const { clock: local, timers, tuning = {} } = deps;
  const state = () => pipeline.state();
  const memory = () => pipeline.memory();
  const changes = createListeners<[]>();
  const decisions = createListeners<[readonly Decision[]]>();

  // Storage: every write watched, so a full disk shows in the views instead of stopping anything.
  const storage = createStorageHealth(() => clock.now());
  const store = watchStore(deps.store, storage);
  const journal = watchJournal(deps.journal, storage);

  // Time: the server's, estimated from its answers (guard-time.ts). Setting the computer's clock
  // ends no lockout, applies no held-back change, rolls no day, stalls no rate window or breaker.
  const time = createGuardTime({ ...deps, store, journal, local, ping: pingThrough(() => gateway.api) });
  const clock = time.clock;

  // Requests: token manager → rate limiter → breakers → retries → REST client → order manager.
  const gateway = createGatewayStack({ ...deps, store, journal, clock, fetch: time.fetch });
  const { tokens, orders } = gateway;

  // Settings and the trading day.
  const config = createConfigHolder({ store, clock, journal });
  const days = createGuardDays({ time: clock, stateDay: stateDayIn(state) });

  // Lockouts and enforcement.
  const lockouts = createLockoutBook({
    store,
    clock,
    journal,
    tradingDay: { nextReset: days.end },
    groups: accountGroupsIn(config.active),
  });
  const enforcer = createEnforcer({
    actions: orders,
    reads: gateway.enforcementApi,
    lockouts,
    journal,
    clock,
    timers,
    store,
    ...enforcerTuning(tuning),
    ...positionReadsIn(state),
  });
  const lockoutGuard = createLockoutGuard({ lockouts, enforcer, clock });
  const lockMeOut = createLockMeOut({ lockouts, enforcer, clock, config: config.active, state, nextReset: days.end });

  // The rules, their memory and their deadlines.
  const engine = createRuleEngine();
  const persistence = createStatePersistence({ store, timers, clock });
  // Written only once the lockouts begun before it have landed: a worker stopped in between
  // must not wake with a breach marked done and no lockout on disk (start judges it again).
  const memoryStore = createRuleMemoryStore({ store, timers, written: () => lockouts.settled() });
  const deadlines = createDeadlines({
    scheduler: deps.scheduler,
    clock,
    toLocal: onLocalClock(clock, local),
    dayClock: days.calendar,
    pendingAt: pendingConfigAt(config.pending),
    lockouts,
    engine,
    config: config.active,
    state,
    memory,
  });

  // The one path: reducer → state → rules → decisions → effects.
  const pipeline = createEventPipeline({
    engine,
    config: config.active,
    tradingDay: days.calendar,
    now: () => clock.now(),
    initialState: createEmptyGuardState(clock.now()),
    initialMemory: emptyEngineMemory(),
    ...createPipelineEffects({
      persistence,
      memoryStore,
      memory,
      state,
      enforcer,
      lockoutGuard,
      orders,
      deadlines,
      journal,
      clock,
      changed: changes.emit,
      decided: decisions.emit,
      probe: deps.probe,
      afterEvent: (event) => lossAudit.onEvent(event),
    }),
  });

  // The hubs and REST reconciliation feed the path.
  const session = createRealtimeSession({
    userHubUrl: deps.hosts.userHubUrl,
    marketHubUrl: deps.hosts.marketHubUrl,
    transportFactory: deps.hubFactory,
    tokens,
    tokenExpiresAt: tokenExpiryOf(tokens),
    api: gateway.api,
    clock,
    timers,
    random: deps.random,
    tradingDay: { previousReset: days.readBackFrom },
    getState: state,
    dispatch: createEventIntake({ time, pipeline }),
    journal,
    ...sessionTuning(tuning),
  });
  tokens.subscribe(session.setTokenStatus);

  // Near a daily loss limit, the day's trades confirmed through REST beside the hub (loss-audit.ts).
  const lossAudit = createLossAudit({
    session,
    clock,
    timers,
    journal,
    config: config.active,
    state,
    memory,
    tradingDay: days.info,
    running: () => lifecycle.running(),
  });

  // What the trader and the worker drive.
  const intentPruning = createIntentPruning({ orders, clock, dayClock: days.calendar });
  const catchUp = createCatchUp({
    time,
    clock,
    config,
    intentPruning,
    pipeline,
    lockoutGuard,
    enforcer,
    days,
    deadlines,
    changed: changes.emit,
  });
  const credentials = createGuardCredentials({
    store,
    tokens,
    session,
    api: gateway.api,
    state,
    changed: changes.emit,
  });
  const lifecycle = createGuardLifecycle({
    config,
    persistence,
    memoryStore,
    credentials,
    pipeline,
    lockouts,
    limiter: gateway.limiter,
    breakers: gateway.breakers,
    tokens,
    time,
    catchUp,
    session,
    orders,
    enforcer,
    lossAudit,
    clock,
    changed: changes.emit,
  });
  const commands = createGuardCommands({ config, days, enforcer, state });
  const view = createGuardView({
    pipeline,
    config,
    lockouts,
    enforcer,
    session,
    credentials: credentials.credentials,
    days,
    clock,
    storage,
    rejections: gateway.rejections,
    lossAudit,
  });

  // The loops back.
  createReconcileOnConvergedLoop({ enforcer, session, changed: changes.emit });
  createStorageHealthLoop({ storage, journal, clock, lockouts, changed: changes.emit });
  createLockoutChangeLoop({ lockouts, deadlines, changed: changes.emit });
  createConfigChangeLoop({
    config,
    days,
    lockouts,
    pipeline,
    deadlines,
    clock,
    running: lifecycle.running,
    changed: changes.emit,
  });
  createTimeMovedLoop({ time, catchUp, running: lifecycle.running });

  return {
    start: lifecycle.start,
    stop: lifecycle.stop,
    watchdog: lifecycle.watchdog,
    flush: lifecycle.flush,
    reconcile: lifecycle.reconcile,
    setCredentials: credentials.setCredentials,
    credentials: credentials.credentials,
    testConnection: credentials.testConnection,
    listAccounts: credentials.listAccounts,
    saveConfig: commands.saveConfig,
    flatten: commands.flatten,
    previewLockMeOut: lockMeOut.preview,
    lockMeOut: lockMeOut.lock,
    onDeadline: catchUp.deadlineFired,
    clockChanged: catchUp.clockChanged,
    view,
    subscribe: changes.subscribe,
    onDecisions: decisions.subscribe,
    journal,
    history: gateway.api,
    whenIdle: enforcer.whenIdle,
  };
}
