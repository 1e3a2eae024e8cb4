import type { TokenState } from '../auth/token-manager-api';
import type { Journal } from '../journal/journal';
import type { Clock, Random, TimerHandle, Timers } from '../ports';
import type { TokenProvider } from '../resilience/executor';
import { Lane } from '../resilience/lanes';
import type { GuardState } from '../state/account-state';
import type { DomainEvent, GuardHealth } from '../state/events';
import { type ConnectionManager, type ConnectionManagerOptions, createConnectionManager } from './connection-manager';
import { createEventParser, type ParserStats } from './event-parser';
import { createHealthAggregator, healthEvent } from './health';
import type { HubTransportFactory } from './hub-transport';
import { createMarketSubscriptions } from './market-subscriptions';
import { createReconciler, type ReconcileResult, type ReconcilerApi, type ReconcileScope } from './reconciler';
import { createRefusedAccounts } from './refused-accounts';
import { createRestPoller } from './rest-poller';
import { accountsSubscription, userAccountSubscriptions } from './subscription-registry';

/**
 * The real-time half of the guard, wired once: both hub connections, the parser, health,
 * the REST poller, market subscriptions and the reconciler. Everything it learns leaves
 * through one door, `dispatch(events)`, which the composition feeds to the reducer.
 *
 *   user/market hub ─▶ parser ─┐
 *   (re)connect ─▶ reconcile ──┼─▶ dispatch(events) ─▶ reducer (owner) ─▶ getState()
 *   blind ─▶ poll every 5 s ───┤                                          │
 *   health change ─────────────┘              market subscriptions ◀──────┘ (after each dispatch)
 *
 * A user-hub (re)connect triggers a full reconcile; accounts it discovers get their
 * Orders/Positions/Trades subscriptions and one more reconcile, so nothing that happened
 * between the REST read and the subscription is lost. Contracts that positions or orders
 * name are fetched once (tick size and value price the unrealized P&L). An account whose
 * events the hub refuses is polled over REST, or given up when it is not this login's
 * (refused-accounts.ts).
 */
export interface RealtimeSessionOptions {
  userHubUrl: string;
  marketHubUrl: string;
  transportFactory: HubTransportFactory;
  tokens: TokenProvider;
  tokenExpiresAt?: () => number | null;
  api: ReconcilerApi;
  clock: Clock;
  timers: Timers;
  random: Random;
  tradingDay: { previousReset(ms: number): number };
  getState: () => GuardState;
  /** Synchronous hand-off to the reducer: after it returns, getState() reflects the events. */
  dispatch: (events: DomainEvent[]) => void;
  journal?: Journal;
  watchList?: readonly string[];
  pollIntervalMs?: number;
  /** After a failed reconcile, how long before it is tried again. */
  reconcileRetryMs?: number;
  /** Passed to both connection managers (delays, timeouts, renewal). */
  connection?: Partial<
    Pick<
      ConnectionManagerOptions,
      | 'delaysMs'
      | 'foreverDelayMs'
      | 'jitterRatio'
      | 'serverTimeoutMs'
      | 'keepAliveIntervalMs'
      | 'stableAfterMs'
      | 'renewBeforeMs'
    >
  >;
}

export interface RealtimeSession {
  readonly user: ConnectionManager;
  readonly market: ConnectionManager;
  start(): void;
  stop(): Promise<void>;
  health(): GuardHealth;
  /** Feed the token manager's state (its `subscribe` listener). */
  setTokenStatus(status: TokenState): void;
  setWatchList(contractIds: readonly string[]): void;
  /**
   * Reconcile now (e.g. after an enforcement or a worker wake-up) and dispatch the differences;
   * `scope` 'trades' reads only the accounts and the day's trades (reconciler.ts).
   */
  reconcile(
    reason: string,
    accountIds?: readonly number[],
    options?: { scope?: ReconcileScope },
  ): Promise<ReconcileResult>;
  parserStats(): ParserStats;
}

export function createRealtimeSession(options: RealtimeSessionOptions): RealtimeSession {
  const { clock, timers, journal } = options;
  const parser = createEventParser({ clock, ...(journal ? { journal } : {}) });
  const reconciler = createReconciler({
    api: options.api,
    clock,
    tradingDay: options.tradingDay,
    getState: options.getState,
    ...(journal ? { journal } : {}),
    // Each account's differences go out as soon as that account is read: a breach on one
    // account must not wait for another account's slow reads.
    onAccountEvents: (events) => emit(events),
  });
  const subscribedAccounts = new Set<number>();
  const fetchingContracts = new Set<string>();
  let retryTimer: TimerHandle | null = null;
  let running = false;

  const health = createHealthAggregator({
    clock,
    onChange: (h) => {
      emit([healthEvent(h, clock.now())]);
      updatePoller();
    },
  });
  const refusedAccounts = createRefusedAccounts({
    api: options.api,
    clock,
    ...(journal ? { journal } : {}),
    giveUp: (id) => unsubscribeAccount(id),
    changed: () => updatePoller(),
  });

  /** Poll whenever the user hub cannot be trusted with every account, unless there is no way to get a token. */
  function updatePoller(): void {
    const h = health.current();
    const hubDown = h.user.status !== 'connected' || h.user.stale;
    poller.setActive(running && (hubDown || refusedAccounts.blind()) && h.token !== 'reenter-key');
  }

  const common = {
    transportFactory: options.transportFactory,
    tokens: options.tokens,
    clock,
    timers,
    random: options.random,
    ...(options.tokenExpiresAt ? { tokenExpiresAt: options.tokenExpiresAt } : {}),
    ...(journal ? { journal } : {}),
    ...options.connection,
  };
  const user = createConnectionManager({
    ...common,
    hub: 'user',
    url: options.userHubUrl,
    onEvent: (event, args) => emit(parser.parse('user', event, args)),
    onHealth: (h) => health.update('user', h),
    onConnected: ({ reconnected }) => {
      runReconcile(reconnected ? 'user-hub-reconnected' : 'user-hub-connected').catch(() => undefined);
    },
    onSubscriptionRefused: (spec, reason) => refusedAccounts.refused(spec, reason),
    onSubscriptionAccepted: (spec) => refusedAccounts.accepted(spec),
  });
  const market = createConnectionManager({
    ...common,
    hub: 'market',
    url: options.marketHubUrl,
    onEvent: (event, args) => emit(parser.parse('market', event, args)),
    onHealth: (h) => health.update('market', h),
  });
  const marketSubs = createMarketSubscriptions({
    manager: market,
    ...(options.watchList ? { watchList: options.watchList } : {}),
  });
  user.addSubscription(accountsSubscription());

  const poller = createRestPoller({
    timers,
    clock,
    intervalMs: options.pollIntervalMs ?? 5000,
    ...(journal ? { journal } : {}),
    poll: async () => {
      const result = await reconciler.reconcile('poll-while-blind', undefined, { scope: 'positions-orders' });
      emit(result.events);
    },
  });

  function emit(events: DomainEvent[]): void {
    if (events.length === 0) return;
    options.dispatch(events);
    const fresh: number[] = [];
    for (const e of events) {
      const id = e.kind === 'account' ? e.account.id : null;
      if (id !== null && subscribeAccount(id)) fresh.push(id);
    }
    if (events.some((e) => e.kind === 'position')) marketSubs.sync(options.getState().accounts);
    fetchUnknownContracts(events);
    // Events between the REST read and the new subscriptions would be lost: read once more.
    if (fresh.length > 0) runReconcile('new-subscriptions', fresh).catch(() => undefined);
  }

  /** Adds the account's order/position/trade subscriptions once; true when they are new. */
  function subscribeAccount(id: number): boolean {
    if (subscribedAccounts.has(id)) return false;
    subscribedAccounts.add(id);
    for (const spec of userAccountSubscriptions(id)) user.addSubscription(spec);
    return true;
  }

  /** Gives up the account's order/position/trade subscriptions (the hub refused them and it is not this login's). */
  function unsubscribeAccount(id: number): void {
    if (!subscribedAccounts.delete(id)) return;
    for (const spec of userAccountSubscriptions(id)) user.removeSubscription(spec.method, spec.args);
  }

  /** Unrealized P&L needs tick size and value: fetch each contract a position or order names, once. */
  function fetchUnknownContracts(events: DomainEvent[]): void {
    const known = options.getState().contracts;
    for (const e of events) {
      const contractId = e.kind === 'position' ? e.position.contractId : e.kind === 'order' ? e.order.contractId : null;
      if (contractId === null || known[contractId] || fetchingContracts.has(contractId)) continue;
      fetchingContracts.add(contractId);
      options.api
        .contractById({ contractId }, { lane: Lane.Reconciliation })
        .then((contract) => emit([{ kind: 'contract', source: 'reconcile', receivedAt: clock.now(), contract }]))
        .catch(() => undefined)
        // On failure the next event naming it tries again.
        .finally(() => fetchingContracts.delete(contractId));
    }
  }

  async function runReconcile(
    reason: string,
    accountIds?: readonly number[],
    scope: ReconcileScope = 'full',
  ): Promise<ReconcileResult> {
    try {
      const result = await reconciler.reconcile(reason, accountIds, { scope });
      emit(result.events);
      return result;
    } catch (error) {
      // REST unreachable right after a connect: try again soon, the hub may carry on meanwhile.
      if (running && retryTimer === null) {
        retryTimer = timers.setTimeout(() => {
          retryTimer = null;
          runReconcile(`${reason} (retry)`, accountIds, scope).catch(() => undefined);
        }, options.reconcileRetryMs ?? 5000);
      }
      throw error;
    }
  }

  return {
    user,
    market,
    start() {
      running = true;
      // A restarted worker loads its accounts from storage, and the reconcile after the connect
      // emits an account event only when REST differs from them: subscribe the known accounts
      // here, or an unchanged account would get no order/position/trade events at all.
      for (const key of Object.keys(options.getState().accounts)) subscribeAccount(Number(key));
      marketSubs.sync(options.getState().accounts);
      user.start();
      market.start();
    },
    async stop() {
      running = false;
      refusedAccounts.clear();
      poller.setActive(false);
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      await Promise.all([user.stop(), market.stop()]);
    },
    health: () => health.current(),
    setTokenStatus: (status) => health.setToken(status),
    setWatchList: (ids) => marketSubs.setWatchList(ids),
    reconcile: (reason, accountIds, opts) => runReconcile(reason, accountIds, opts?.scope),
    parserStats: () => parser.stats(),
  };
}
