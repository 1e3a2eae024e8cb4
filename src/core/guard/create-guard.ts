import { createEnforcer } from '../enforce/enforcer';
import { exposureOf } from '../enforce/exposure';
import { createLockoutGuard } from '../enforce/lockout-guard';
import { errorMessage } from '../error-message';
import { mergeRejectionStats } from '../gateway/payload-rejections';
import type { Account } from '../gateway/schemas';
import { appendBestEffort } from '../journal/journal';
import { liftUnblockedSymbols } from '../lockouts/lift-unblocked-symbols';
import { createLockoutBook } from '../lockouts/lockout-book';
import { createRealtimeSession } from '../realtime/realtime-session';
import { Lane } from '../resilience/lanes';
import type { Decision } from '../rules/decision';
import { createRuleEngine } from '../rules/engine/engine';
import { emptyEngineMemory, ruleFailuresOf } from '../rules/rule-memory';
import { createEmptyGuardState } from '../state/account-state';
import { createStatePersistence } from '../state/persistence';
import { createConfigHolder } from './config-holder';
import { createDeadlines } from './deadlines';
import { handleDecisions, journalRuleFailures, manualFlatten, sightingFrom } from './decisions';
import { createEventPipeline } from './event-pipeline';
import { createGatewayStack } from './gateway-stack';
import type { Guard } from './guard';
import { createGuardDays } from './guard-days';
import { type GuardDeps, sessionTuning } from './guard-deps';
import { createGuardTime } from './guard-time';
import { createIntentPruning } from './intent-pruning';
import { createLockMeOut } from './lock-me-out';
import { createRuleMemoryStore } from './rule-memory-store';
import { createStorageHealth, watchJournal, watchStore } from './storage-health';

const USER_NAME_KEY = 'user-name';

/**
 * Wires the whole guard for one gateway and one browser profile: resilience → REST client
 * → order manager; hubs → parser → reducer → rules → enforcer; lockouts, config, deadlines.
 * The worker (src/worker) owns one of these and rebuilds it when the gateway changes.
 */
export function createGuard(deps: GuardDeps): Guard {
  const { clock: local, timers, tuning = {} } = deps;
  // Every write is watched: a full disk shows in the views instead of stopping anything.
  const storage = createStorageHealth(() => clock.now());
  const store = watchStore(deps.store, storage);
  const journal = watchJournal(deps.journal, storage);
  // The guard runs on the server's time (guard-time.ts): setting the computer's clock ends no
  // lockout, applies no held-back change, rolls no day, and stalls no rate window or breaker.
  const ping = (signal: AbortSignal) => api.ping({ lane: Lane.Routine, signal });
  const time = createGuardTime({ ...deps, store, journal, local, ping });
  const clock = time.clock;
  const gateway = createGatewayStack({ ...deps, store, journal, clock, fetch: time.fetch });
  const { tokens, limiter, breakers, api, enforcementApi, orders } = gateway;
  const config = createConfigHolder({ store, clock, journal });
  const days = createGuardDays({ time: clock, stateDay: () => pipeline.state().tradingDay });
  const lockouts = createLockoutBook({
    store,
    clock,
    journal,
    tradingDay: { nextReset: days.end },
    groups: () => config.active().accountGroups.map((g) => g.accountIds),
  });
  const enforcer = createEnforcer({
    actions: orders,
    reads: enforcementApi,
    lockouts,
    journal,
    clock,
    timers,
    store,
    ...(tuning.settleMs !== undefined ? { settleMs: tuning.settleMs } : {}),
    ...(tuning.retryFailedAfterMs !== undefined ? { retryFailedAfterMs: tuning.retryFailedAfterMs } : {}),
    openedAt: (accountId, contractId) => pipeline.state().accounts[String(accountId)]?.positionOpenedAt[contractId],
    lots: (accountId, contractId) => pipeline.state().accounts[String(accountId)]?.positionLots?.[contractId],
  });
  const lockoutGuard = createLockoutGuard({ lockouts, enforcer, clock });
  const state = () => pipeline.state();
  const lockMeOut = createLockMeOut({ lockouts, enforcer, clock, config: config.active, state, nextReset: days.end });
  const persistence = createStatePersistence({ store, timers, clock });
  const engine = createRuleEngine();
  const listeners = new Set<() => void>();
  const decisionListeners = new Set<(decisions: readonly Decision[]) => void>();
  const notify = () => {
    for (const l of listeners) l();
  };
  // Rule memory also says which breaches were acted on, so it is written only once the
  // lockouts begun before it have landed: a worker stopped in between must not wake with a
  // breach marked done and no lockout on disk (the rules then decide it again: see start()).
  const memoryStore = createRuleMemoryStore({ store, timers, written: () => lockouts.settled() });

  const pipeline = createEventPipeline({
    engine,
    config: () => config.active(),
    tradingDay: days.calendar,
    now: () => clock.now(),
    initialState: createEmptyGuardState(clock.now()),
    initialMemory: emptyEngineMemory(),
    onState: (state) => {
      persistence.save(state);
      notify();
    },
    onMemory: () => memoryStore.save(pipeline.memory),
    onDecisions: (decisions, event) => {
      if (deps.probe && decisions.some((d) => d.kind === 'enforce' && !d.monitorOnly)) deps.probe.decided();
      handleDecisions({ decisions, event, state: pipeline.state(), enforcer, journal, clock, notify });
      for (const l of decisionListeners) l(decisions);
    },
    onRuleFailures: (failures, event) => journalRuleFailures({ failures, event, journal, clock }),
    onEvent: (event, state) => {
      if (event.kind === 'position' || event.kind === 'order') {
        const id = event.kind === 'position' ? event.position.accountId : event.order.accountId;
        const account = state.accounts[String(id)];
        if (account) lockoutGuard.onAccountEvent(id, account, `${event.kind} event`, sightingFrom(state, event, id));
        if (event.kind === 'order') orders.handleOrderUpdate(event.order);
      }
      if (event.kind === 'account') void lockoutGuard.onAccountChange(event.account).catch(() => undefined);
      if (event.kind === 'tick' || event.kind === 'position' || event.kind === 'order') deadlines.armRules();
    },
  });

  const session = createRealtimeSession({
    userHubUrl: deps.hosts.userHubUrl,
    marketHubUrl: deps.hosts.marketHubUrl,
    transportFactory: deps.hubFactory,
    tokens,
    tokenExpiresAt: () => tokens.expiresAt() ?? null,
    api,
    clock,
    timers,
    random: deps.random,
    tradingDay: { previousReset: days.readBackFrom },
    getState: () => pipeline.state(),
    dispatch: (events) => {
      time.observe(events);
      pipeline.dispatch(events);
    },
    journal,
    ...sessionTuning(tuning),
  });
  tokens.subscribe((status) => session.setTokenStatus(status));

  const deadlines = createDeadlines({
    scheduler: deps.scheduler,
    clock,
    // The scheduler counts on the local clock; firing early is harmless (the tick re-arms).
    toLocal: (at) => at - (clock.latest() - local.now()),
    dayClock: days.calendar,
    pendingAt: () => config.pending()?.effectiveAt ?? null,
    lockouts,
    engine,
    config: () => config.active(),
    state: () => pipeline.state(),
    memory: () => pipeline.memory(),
  });

  // After an enforcement converges, REST is read again: what the guard did is confirmed.
  enforcer.onStatus((accountId, status) => {
    notify();
    if (status.state === 'converged') {
      session.reconcile('after-enforcement', [accountId]).catch(() => undefined);
    }
  });
  storage.onChange((h) => {
    notify();
    // Best effort by nature: the journal shares the disk that just failed (or came back).
    void appendBestEffort(journal, {
      at: clock.now(),
      kind: 'error',
      accountId: null,
      message:
        h.state === 'failing'
          ? `Storage is refusing writes (${h.lastError}): the guard keeps enforcing, but lockouts and the journal may not survive a restart`
          : 'Storage accepts writes again',
      data: { ...h },
    });
    // A lockout written while the disk was full is written now.
    if (h.state === 'ok') void lockouts.flush().catch(() => undefined);
  });
  lockouts.onChange(() => {
    deadlines.armLockouts();
    notify();
  });
  config.onChange((c) => {
    days.configure(c.tradingDay);
    void liftUnblockedSymbols(lockouts, c, clock.now()).catch(() => undefined);
    // Level, not edge: the rules judge the account under the new setting now, not at the
    // next fill or quote (a blocked symbol is locked at once, a lower limit enforced at once).
    if (started) pipeline.dispatch([{ kind: 'tick', source: 'timer', receivedAt: clock.now() }]);
    deadlines.armAll();
    notify();
  });

  let userName: string | null = null;
  let started = false;
  const intentPruning = createIntentPruning({ orders, clock, dayClock: days.calendar });

  /** Catch up on time: check it, promote pending config at the reset, roll the day, expire lockouts, re-arm. */
  async function tick(verify = true): Promise<void> {
    if (verify) await time.verify();
    await config.promote().catch(() => false);
    intentPruning.onTick();
    pipeline.dispatch([{ kind: 'tick', source: 'timer', receivedAt: clock.now() }]);
    await lockoutGuard.tick().catch(() => undefined);
    await rollOverEnforcements();
    deadlines.armAll();
    notify();
    await time.save();
  }
  // New evidence of the server's time: judge everything by it at once.
  time.onMoved(() => {
    if (started) void tick(false).catch(() => undefined);
  });

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

  /** Unfinished enforcements from before the last reset cover only what was open then (day-rollover.ts). */
  function rollOverEnforcements(): Promise<unknown> {
    const dayStart = days.current().start;
    return enforcer.rollover(dayStart, (accountId) => exposureOf(pipeline.state(), accountId)).catch(() => undefined);
  }

  const guard: Guard = {
    async start() {
      if (started) return;
      started = true;
      await config.load();
      const [state, memory, name] = await Promise.all([
        persistence.load(),
        memoryStore.load(),
        store.get<string>('meta', USER_NAME_KEY),
      ]);
      userName = name ?? null;
      pipeline.reset(state ?? createEmptyGuardState(clock.now()), memory);
      await Promise.all([lockouts.load(), limiter.restore(), breakers.restore(), tokens.restore(), time.load()]);
      // An asleep worker may have missed the reset and lockout expiries: catch up first (on the
      // saved server time, slow but never fast), then again once the server has told the time.
      await tick(false);
      judgeLoadedAccounts();
      void time.verify();
      if (tokens.state() !== 'none') session.start();
      void orders.resumePending().catch(() => undefined);
      // A resumed enforcement may predate the reset the worker slept through.
      void enforcer
        .resume()
        .then(rollOverEnforcements)
        .catch(() => undefined);
      notify();
    },
    async stop() {
      started = false;
      await session.stop();
      await persistence.flush().catch(() => undefined);
      await time.save();
      enforcer.dispose();
      tokens.dispose();
    },
    async setCredentials(name, apiKey) {
      await tokens.setCredentials(name, apiKey);
      userName = name;
      await store.put('meta', USER_NAME_KEY, name, { durability: 'strict' });
      await tokens.getToken();
      await session.stop();
      session.start();
      notify();
    },
    credentials: () => ({ configured: userName !== null && tokens.state() !== 'none', userName }),
    async testConnection() {
      try {
        const accounts = await api.searchAccounts({ onlyActiveAccounts: true }, { lane: Lane.Routine });
        return { ok: true, message: `Connected: ${accounts.length} active account(s)`, accountCount: accounts.length };
      } catch (error) {
        return { ok: false, message: errorMessage(error), accountCount: null };
      }
    },
    async listAccounts(): Promise<Account[]> {
      // The gateway's list, not the state's: state may predate an account (opened since the
      // last run) or know one only as a placeholder. What state knows is the fallback.
      const known = Object.values(pipeline.state().accounts).map((a) => a.account);
      try {
        return await api.searchAccounts({ onlyActiveAccounts: true }, { lane: Lane.Routine });
      } catch (error) {
        if (known.length > 0) return known;
        throw error;
      }
    },
    saveConfig: (input) => config.save(input, days.end()),
    async flatten(accountId, trigger) {
      const ids = accountId === 'all' ? Object.keys(pipeline.state().accounts).map(Number) : [accountId];
      for (const id of ids) await enforcer.submit(manualFlatten(id, trigger), trigger);
      return ids;
    },
    previewLockMeOut: lockMeOut.preview,
    lockMeOut: lockMeOut.lock,
    onDeadline: (name) => {
      deadlines.fired(name);
      return tick();
    },
    async clockChanged() {
      deadlines.forget();
      await tick();
    },
    async watchdog() {
      if (!started) return guard.start();
      if (tokens.state() !== 'none') {
        await tokens.refreshIfDue().catch(() => undefined);
        // The connection managers retry for ever on their own; a stopped worker lost them,
        // and `start()` above rebuilt them. Here a reconcile keeps REST and state close, hub
        // down or not: the poller's light pass misses a trade lost before the hub went down.
        await session.reconcile('watchdog').catch(() => undefined);
      }
      // Retries lockout writes a full disk refused (they hold in memory meanwhile).
      await lockouts.flush().catch(() => undefined);
      await tick();
    },
    view: () => ({
      state: pipeline.state(),
      config: config.active(),
      pending: config.pending(),
      lockouts: lockouts.all(),
      enforcement: (accountId) => enforcer.status(accountId),
      health: session.health(),
      credentials: guard.credentials(),
      tradingDay: days.info(),
      now: clock.now(),
      clock: clock.status(),
      parser: session.parserStats(),
      storage: storage.current(),
      ruleFailures: ruleFailuresOf(pipeline.memory()),
      ruleMemory: (accountId) => pipeline.memory().accounts[String(accountId)],
      payloads: mergeRejectionStats(session.parserStats(), gateway.rejections.stats()),
    }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onDecisions(listener) {
      decisionListeners.add(listener);
      return () => decisionListeners.delete(listener);
    },
    journal,
    history: api,
    whenIdle: (accountId) => enforcer.whenIdle(accountId),
    flush: async () => {
      await persistence.flush();
      await lockouts.flush();
    },
    reconcile: (reason) => session.reconcile(reason).then(() => undefined),
  };
  return guard;
}
