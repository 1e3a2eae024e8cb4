import { createSessions } from './auth/sessions';
import { buildCatalogue, toApiContract } from './catalogue';
import { createControlHandler } from './control-http';
import { DEFAULTS, DEMO_USER } from './defaults';
import { createEngine } from './engine/engine';
import type { EngineEvent } from './engine/state';
import { createFaultRegistry } from './faults';
import { createPastHistory, type PastHistory } from './history/past-history';
import { createHubServer } from './hubs/hub-server';
import { marketHubMethods, publishMarket } from './hubs/market-hub';
import { publishUserEvent, userHubMethods } from './hubs/user-hub';
import { createLedger } from './ledger';
import { createMarketCalendar, type MarketSession } from './market-hours';
import { createPriceBook } from './prices';
import { createPrng } from './prng';
import { createRateLimiter, DEFAULT_RATE_LIMITS } from './rate-limit';
import { createRequestLog } from './request-log';
import { createRestPipeline } from './rest/pipeline';
import { createHttpServer, listen } from './server';
import { createTimeFormatter } from './time-format';
import type { Simulator, SimulatorOptions, StartSimulator } from './types';

/** How often the market-hours weekend is re-checked against the (possibly shifted) clock. */
const WEEKEND_CHECK_MS = 50;
/** How often history older than `retainHistoryMs` is forgotten (wall time; a tenth of a shorter retention). */
const PRUNE_EVERY_MS = 5000;

/**
 * startSimulator: a local, stateful ProjectX Gateway (REST + both SignalR hubs) on loopback,
 * with fault injection and a ledger of ground truth. See ./types.ts for the contract.
 */
export const startSimulator: StartSimulator = async (options: SimulatorOptions = {}) => {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? DEFAULTS.seed;
  const host = options.host ?? DEFAULTS.host;
  const users = options.users ?? [DEMO_USER];
  const fmt = createTimeFormatter();
  const contracts = buildCatalogue(options.feesPerContract, options.commissionsPerContract);
  const byId = new Map(contracts.map((c) => [c.id, c]));
  const ledger = createLedger(now);
  const faults = createFaultRegistry(createPrng(seed ^ 0x5bd1e995), now);
  const sessions = createSessions({
    users,
    now,
    lifetimeSec: options.tokenLifetimeSec ?? DEFAULTS.tokenLifetimeSec,
    secret: `topstepx-sim-${seed}`,
  });
  const limiter = createRateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS, now);
  const retainMs = options.retainHistoryMs;
  const log = createRequestLog(retainMs === undefined ? undefined : 5000);
  const calendar =
    options.marketHours === undefined || options.marketHours === false
      ? null
      : createMarketCalendar(options.marketHours === true ? {} : options.marketHours);
  const session = (): MarketSession => (calendar ? calendar.session(now()) : 'open');

  // Late-bound: prices need "is anyone watching", engine needs prices, hubs need engine.
  let watched: (contractId: string) => boolean = () => false;
  let past: PastHistory | null = null;
  const prices = createPriceBook({
    contracts,
    prng: createPrng(seed),
    now,
    spreadTicks: options.spreadTicks ?? DEFAULTS.spreadTicks,
    isActive: (id) => watched(id),
    past: (id, from, to) => past?.ticks(id, from, to) ?? [],
  });
  let emit: (e: EngineEvent) => void = () => {};
  const engine = createEngine({
    contracts,
    now,
    fmt,
    ledger,
    prices,
    bookDepth: options.bookDepth ?? DEFAULTS.bookDepth,
    marketOpen: () => session() === 'open',
    emit: (e) => emit(e),
  });
  for (const u of users) for (const a of u.accounts) engine.addAccount(u.userName, a);
  if (options.history) {
    const first = users[0] ?? DEMO_USER;
    past = createPastHistory({
      contracts,
      accountIds: engine.accountsOf(first.userName).map((a) => a.id),
      tradingDays: options.history.tradingDays,
      now: now(),
      seed,
      fmt,
    });
    for (const [accountId, trades] of past.trades) engine.seedPastTrades(accountId, trades);
  }

  const timers = new Set<ReturnType<typeof setTimeout>>();
  const hubs = createHubServer({
    sessions,
    faults,
    now,
    pingIntervalMs: options.pingIntervalMs ?? DEFAULTS.pingIntervalMs,
    beforeUpgrade: () => syncWeekend(),
    methods: (conn) =>
      conn.hub === 'user'
        ? userHubMethods(conn, engine)
        : marketHubMethods(conn, byId, (c, contractId) => {
            // the current quote right after the subscription completes, as the real hub does
            const t = setTimeout(() => {
              timers.delete(t);
              const contract = byId.get(contractId);
              if (contract && c.subscriptions.has(`quotes:${contractId}`))
                publishMarket(hubs, contract, prices.touch(contractId), fmt, { conn: c, kind: 'quotes' });
            }, 0);
            timers.add(t);
          }),
  });
  emit = (e) => publishUserEvent(hubs, engine, e);
  // The weekend closes the hubs the way faults.closeHubs() does (own reason, so the two never
  // open each other's closure). The clock is a function that may jump (the demo shifts it):
  // checked on every hub upgrade and every WEEKEND_CHECK_MS.
  let weekend = false;
  function syncWeekend(): void {
    const closedNow = session() === 'weekend';
    if (closedNow === weekend) return;
    weekend = closedNow;
    if (weekend) hubs.closeHubs('weekend');
    else hubs.openHubs('weekend');
  }
  syncWeekend();
  const weekendTimer = calendar ? setInterval(syncWeekend, WEEKEND_CHECK_MS) : undefined;
  weekendTimer?.unref();
  watched = (id) =>
    engine.hasExposure(id) || hubs.all('market').some((c) => [...c.subscriptions].some((s) => s.endsWith(`:${id}`)));
  prices.onChange((id, touch) => {
    const c = byId.get(id);
    if (c) publishMarket(hubs, c, touch, fmt);
  });

  let offline = false;
  const rest = createRestPipeline({
    deps: { engine, sessions, contracts, prices, fmt, now },
    limiter,
    faults,
    log,
    now,
    offline: () => offline,
  });
  let sim: Simulator | undefined;
  const server = createHttpServer({
    rest,
    hubs,
    control: createControlHandler(() => {
      if (!sim) throw new Error('simulator not started');
      return sim;
    }),
  });
  const port = await listen(server, options.port ?? DEFAULTS.port, host);
  const base = `http://${host}:${port}`;
  const pruner =
    retainMs === undefined
      ? undefined
      : setInterval(
          () => {
            const before = now() - retainMs;
            ledger.prune(before);
            engine.prune(before);
            prices.prune(before);
          },
          Math.min(PRUNE_EVERY_MS, retainMs / 10),
        );
  pruner?.unref();
  const tickMs = options.priceTickMs ?? DEFAULTS.priceTickMs;
  const ticker = tickMs > 0 ? setInterval(() => prices.step(), tickMs) : undefined;
  const demoUser = users[0] ?? DEMO_USER;
  const must = <T>(r: { ok: true } & T): T => r;
  const orThrow = <T>(r: ({ ok: true } & T) | { ok: false; errorCode: number; errorMessage: string }): T => {
    if (!r.ok) throw new Error(`rejected (${r.errorCode}): ${r.errorMessage}`);
    return must(r);
  };
  let stopped = false;

  sim = {
    restUrl: base,
    userHubUrl: `${base}/hubs/user`,
    marketHubUrl: `${base}/hubs/market`,
    controlUrl: `${base}/control`,
    demo: {
      userName: demoUser.userName,
      apiKey: demoUser.apiKey,
      accountIds: engine.accountsOf(demoUser.userName).map((a) => a.id),
    },
    contracts: contracts.map(toApiContract),
    trader: {
      placeOrder: (accountId, order) => orThrow(engine.place(accountId, order, 'trader')).orderId,
      cancelOrder: (accountId, orderId) => {
        orThrow(engine.cancel(accountId, orderId, 'trader'));
      },
      closePosition: (accountId, contractId) => {
        orThrow(engine.close(accountId, contractId, undefined, 'trader'));
      },
      modifyOrder: (accountId, orderId, change) => {
        orThrow(engine.modify(accountId, orderId, change, 'trader'));
      },
    },
    market: {
      price: (id) => prices.touch(id).last,
      setPrice: (id, price) => prices.set(id, price),
      script: (id, path) => prices.script(id, path),
      step: () => prices.step(),
      session,
    },
    faults: {
      add: (spec) => faults.add(spec),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      fired: () => faults.fired(),
      dropSockets: (o) => hubs.dropSockets(o),
      refuseConnections: (ms, hub) => hubs.refuseConnections(ms, hub),
      closeHubs: () => hubs.closeHubs(),
      openHubs: () => hubs.openHubs(),
      unreachable: () => {
        offline = true;
        hubs.closeHubs();
      },
      reachable: () => {
        offline = false;
        hubs.openHubs();
      },
      release: () => hubs.release(),
      revokeTokens: (userName) => sessions.revokeUser(userName),
      revokeApiKey: (userName) => sessions.revokeKey(userName),
      restoreApiKey: (userName) => sessions.restoreKey(userName),
      logout: (userName) => {
        hubs.logout(userName);
        sessions.revokeUser(userName);
      },
      setCanTrade: (accountId, canTrade) => engine.setCanTrade(accountId, canTrade),
      voidTrade: (accountId, tradeId) => orThrow(engine.voidTrade(accountId, tradeId)).trade,
    },
    ledger,
    requests: {
      list: (endpoint) => log.list(endpoint),
      count: () => log.count(),
      since: (n) => log.since(n),
      clear: () => log.clear(),
    },
    rateLimits: { used: (u, b) => limiter.used(u, b), rejected: () => limiter.rejected() },
    hubs: {
      connections: (hub) =>
        hubs.all(hub).map((c) => ({
          id: c.id,
          hub: c.hub,
          userName: c.userName,
          form: c.form,
          subscriptions: [...c.subscriptions],
        })),
      setPayloadForm: (form, hub) => hubs.setPayloadForm(form, hub),
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (ticker) clearInterval(ticker);
      if (weekendTimer) clearInterval(weekendTimer);
      if (pruner) clearInterval(pruner);
      for (const t of timers) clearTimeout(t);
      rest.stop();
      hubs.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
};

export type * from './types';
