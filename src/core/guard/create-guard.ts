import { createEnforcer } from '../enforce/enforcer';
import { exposureOf } from '../enforce/exposure';
import { createLockoutGuard } from '../enforce/lockout-guard';
import { createLockoutBook } from '../enforce/lockouts';
import type { Account } from '../gateway/schemas';
import { createRealtimeSession } from '../realtime/realtime-session';
import { Lane } from '../resilience/lanes';
import type { Decision } from '../rules/decision';
import { createRuleEngine } from '../rules/engine';
import { type EngineMemory, emptyEngineMemory } from '../rules/rule-memory';
import { createEmptyGuardState } from '../state/account-state';
import { appendBestEffort } from '../state/journal';
import { createStatePersistence } from '../state/persistence';
import { createTradingDayClock, type TradingDayClock } from '../state/trading-day';
import { createStorageHealth, watchJournal, watchStore } from '../storage/storage-health';
import { createConfigHolder } from './config-holder';
import { createDeadlines } from './deadlines';
import { handleDecisions, sightingFrom } from './decisions';
import { createEventPipeline, tradingDayInfo } from './event-pipeline';
import { createGatewayStack } from './gateway-stack';
import type { Guard } from './guard';
import type { GuardDeps } from './guard-deps';
import { liftUnblockedSymbols } from './lift-unblocked-symbols';

const MEMORY_KEY = 'engine-memory';
const USER_NAME_KEY = 'user-name';

/**
 * Wires the whole guard for one gateway and one browser profile: resilience → REST client
 * → order manager; hubs → parser → reducer → rules → enforcer; lockouts, config, deadlines.
 * The worker (src/worker) owns one of these and rebuilds it when the gateway changes.
 */
export function createGuard(deps: GuardDeps): Guard {
  const { clock, timers, tuning = {} } = deps;
  // Every write is watched: a full disk shows in the views instead of stopping anything.
  const storage = createStorageHealth(() => clock.now());
  const store = watchStore(deps.store, storage);
  const journal = watchJournal(deps.journal, storage);
  const { tokens, limiter, breakers, api, enforcementApi, orders } = createGatewayStack({ ...deps, store, journal });
  const config = createConfigHolder({ store, clock, journal });
  let dayClock: TradingDayClock = createTradingDayClock();
  const lockouts = createLockoutBook({
    store,
    clock,
    journal,
    tradingDay: { nextReset: (ms) => dayClock.nextReset(ms) },
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
  });
  const lockoutGuard = createLockoutGuard({ lockouts, enforcer, clock });
  const persistence = createStatePersistence({ store, timers, clock });
  const engine = createRuleEngine();
  const listeners = new Set<() => void>();
  const decisionListeners = new Set<(decisions: readonly Decision[]) => void>();
  const notify = () => {
    for (const l of listeners) l();
  };
  // Rule memory (warnings given, grace starts, best prices) is saved like state: batched.
  // It also says which breaches were acted on, so it is written only once the lockouts begun
  // before it have landed: a worker stopped in between must not wake with a breach marked
  // done and no lockout on disk (the rules then decide it again: see start()).
  let memorySaveArmed = false;
  const saveMemory = () => {
    if (memorySaveArmed) return;
    memorySaveArmed = true;
    timers.setTimeout(() => {
      memorySaveArmed = false;
      const memory = pipeline.memory();
      void lockouts
        .settled()
        .then(() => store.put('meta', MEMORY_KEY, memory))
        .catch(() => undefined);
    }, 250);
  };

  const pipeline = createEventPipeline({
    engine,
    config: () => config.active(),
    tradingDay: () => dayClock,
    now: () => clock.now(),
    initialState: createEmptyGuardState(clock.now()),
    initialMemory: emptyEngineMemory(),
    onState: (state) => {
      persistence.save(state);
      notify();
    },
    onMemory: saveMemory,
    onDecisions: (decisions, event) => {
      if (deps.probe && decisions.some((d) => d.kind === 'enforce' && !d.monitorOnly)) deps.probe.decided();
      handleDecisions({ decisions, event, state: pipeline.state(), enforcer, journal, clock, notify });
      for (const l of decisionListeners) l(decisions);
    },
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
    tradingDay: { previousReset: (ms) => dayClock.previousReset(ms) },
    getState: () => pipeline.state(),
    dispatch: (events) => pipeline.dispatch(events),
    journal,
    ...(tuning.pollIntervalMs ? { pollIntervalMs: tuning.pollIntervalMs } : {}),
    connection: {
      ...(tuning.reconnectDelaysMs ? { delaysMs: tuning.reconnectDelaysMs } : {}),
      ...(tuning.foreverDelayMs ? { foreverDelayMs: tuning.foreverDelayMs } : {}),
      ...(tuning.serverTimeoutMs ? { serverTimeoutMs: tuning.serverTimeoutMs } : {}),
      ...(tuning.keepAliveIntervalMs ? { keepAliveIntervalMs: tuning.keepAliveIntervalMs } : {}),
    },
  });
  tokens.subscribe((status) => session.setTokenStatus(status));

  const deadlines = createDeadlines({
    scheduler: deps.scheduler,
    clock,
    dayClock: () => dayClock,
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
    dayClock = createTradingDayClock({ resetTime: c.tradingDay.resetTime, timeZone: c.tradingDay.timeZone });
    liftUnblockedSymbols(lockouts, c, clock.now());
    deadlines.armAll();
    notify();
  });

  let userName: string | null = null;
  let started = false;

  /** Catch up on time: promote pending config at the reset, roll the day, expire lockouts, re-arm. */
  async function tick(): Promise<void> {
    await config.promote().catch(() => false);
    pipeline.dispatch([{ kind: 'tick', source: 'timer', receivedAt: clock.now() }]);
    await lockoutGuard.tick().catch(() => undefined);
    await rollOverEnforcements();
    deadlines.armAll();
    notify();
  }

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
    const dayStart = dayClock.previousReset(clock.now());
    return enforcer.rollover(dayStart, (accountId) => exposureOf(pipeline.state(), accountId)).catch(() => undefined);
  }

  const guard: Guard = {
    async start() {
      if (started) return;
      started = true;
      await config.load();
      const [state, memory, name] = await Promise.all([
        persistence.load(),
        store.get<EngineMemory>('meta', MEMORY_KEY),
        store.get<string>('meta', USER_NAME_KEY),
      ]);
      userName = name ?? null;
      pipeline.reset(state ?? createEmptyGuardState(clock.now()), memory ?? emptyEngineMemory());
      await Promise.all([lockouts.load(), limiter.restore(), breakers.restore(), tokens.restore()]);
      // An asleep worker may have missed the reset and lockout expiries: catch up first.
      await tick();
      judgeLoadedAccounts();
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
        return { ok: false, message: error instanceof Error ? error.message : String(error), accountCount: null };
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
    saveConfig: (input) => config.save(input, dayClock.nextReset(clock.now())),
    async flatten(accountId, trigger) {
      const ids = accountId === 'all' ? Object.keys(pipeline.state().accounts).map(Number) : [accountId];
      for (const id of ids) {
        await enforcer.submit(
          {
            kind: 'enforce',
            ruleId: 'manual',
            accountId: id,
            action: { type: 'flatten' },
            reason: `Flatten asked by the trader (${trigger})`,
            figures: {},
            monitorOnly: false,
          },
          trigger,
        );
      }
      return ids;
    },
    onDeadline: () => tick(),
    async clockChanged() {
      deadlines.forget();
      await tick();
    },
    async watchdog() {
      if (!started) return guard.start();
      if (tokens.state() !== 'none') {
        await tokens.refreshIfDue().catch(() => undefined);
        // The connection managers retry for ever on their own; a stopped worker lost them,
        // and `start()` above rebuilt them. Here only a reconcile keeps REST and state close.
        if (session.user.status() === 'connected') {
          await session.reconcile('watchdog').catch(() => undefined);
        }
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
      tradingDay: tradingDayInfo(dayClock, clock.now()),
      now: clock.now(),
      parser: session.parserStats(),
      storage: storage.current(),
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
