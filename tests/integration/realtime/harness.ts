import { startSimulator } from '../../../simulator/index';
import type { Simulator, SimulatorOptions } from '../../../simulator/types';
import { createRestClient } from '../../../src/core/gateway/rest-client';
import { createMemoryJournal, type Journal } from '../../../src/core/journal/journal';
import { type Clock, type FetchLike, systemClock, systemTimers } from '../../../src/core/ports';
import { createSignalRHubFactory } from '../../../src/core/realtime/hub-transport';
import {
  createRealtimeSession,
  type RealtimeSession,
  type RealtimeSessionOptions,
} from '../../../src/core/realtime/realtime-session';
import type { CallExecutor, TokenProvider } from '../../../src/core/resilience/executor';
import { createEmptyGuardState, type GuardState } from '../../../src/core/state/account-state';
import type { StateEffect } from '../../../src/core/state/effects';
import type { DomainEvent } from '../../../src/core/state/events';
import { reduce } from '../../../src/core/state/reducer';
import { commissionsOf } from '../../../src/core/state/selectors';
import { createTradingDayClock } from '../../../src/core/state/trading-day';

/**
 * The real-time half of the guard against the simulator, over real sockets and the real
 * @microsoft/signalr client: REST client, a login-backed TokenProvider, the reducer, and
 * `createRealtimeSession` — the same wiring the background worker does.
 */

export const MNQ = 'CON.F.US.MNQ.Z26';
export const MES = 'CON.F.US.MES.Z26';

/** Logs in with the demo key; a 401'd token is replaced by a fresh login (shared). */
export function createLoginTokens(sim: Simulator): TokenProvider & { logins: () => number } {
  let token: string | null = null;
  let pending: Promise<string> | null = null;
  let logins = 0;
  const login = () => {
    pending ??= (async () => {
      const res = await fetch(`${sim.restUrl}/api/Auth/loginKey`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userName: sim.demo.userName, apiKey: sim.demo.apiKey }),
      });
      const body = (await res.json()) as { token?: unknown };
      if (typeof body.token !== 'string') throw new Error(`login failed (${res.status})`);
      logins += 1;
      token = body.token;
      return body.token;
    })().finally(() => {
      pending = null;
    });
    return pending;
  };
  return {
    getToken: async () => token ?? login(),
    onUnauthorized: async (bad) => (token !== null && token !== bad ? token : login()),
    logins: () => logins,
  };
}

/** Straight through: this suite tests the real-time path, not the rate limiter. */
const passThrough: CallExecutor = {
  run: (options, attempt) => attempt(options.signal ?? new AbortController().signal),
};

export interface Harness<J extends Journal = ReturnType<typeof createMemoryJournal>> {
  sim: Simulator;
  session: RealtimeSession;
  tokens: ReturnType<typeof createLoginTokens>;
  journal: J;
  /** Every event dispatched, and every effect the reducer reported (double-count checks); empty when `keepLog` is off. */
  events: DomainEvent[];
  effects: StateEffect[];
  state(): GuardState;
  stop(): Promise<void>;
}

/**
 * For long runs (the soak): one clock for the simulator and the session (the simulator's
 * `now` must be this clock too), a journal of the run's choosing, and no growing logs of
 * events and effects (`keepLog: false`; `onEffect` sees each effect instead).
 */
export interface HarnessOptions<J extends Journal> {
  clock?: Clock;
  journal?: J;
  keepLog?: boolean;
  onEffect?: (effect: StateEffect) => void;
}

export async function startHarness<J extends Journal = ReturnType<typeof createMemoryJournal>>(
  simOptions: SimulatorOptions = {},
  overrides: Partial<RealtimeSessionOptions> = {},
  options: HarnessOptions<J> = {},
): Promise<Harness<J>> {
  const clock = options.clock ?? systemClock;
  const keepLog = options.keepLog ?? true;
  const sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 200, ...simOptions });
  const tokens = createLoginTokens(sim);
  const fetchLike: FetchLike = (url, init) => fetch(url, init);
  const api = createRestClient({
    baseUrl: sim.restUrl,
    fetch: fetchLike,
    executor: passThrough,
    tokens,
    clock,
  });
  const tradingDay = createTradingDayClock();
  const journal = options.journal ?? (createMemoryJournal() as unknown as J);
  const events: DomainEvent[] = [];
  const effects: StateEffect[] = [];
  let state = createEmptyGuardState(clock.now());
  const session = createRealtimeSession({
    userHubUrl: sim.userHubUrl,
    marketHubUrl: sim.marketHubUrl,
    transportFactory: createSignalRHubFactory(),
    tokens,
    api,
    clock,
    timers: systemTimers,
    random: Math.random,
    tradingDay,
    getState: () => state,
    dispatch: (batch) => {
      for (const event of batch) {
        if (keepLog) events.push(event);
        const result = reduce(state, event, { tradingDay });
        state = result.state;
        if (keepLog) effects.push(...result.effects);
        if (options.onEffect) for (const effect of result.effects) options.onEffect(effect);
      }
    },
    journal,
    pollIntervalMs: 250,
    reconcileRetryMs: 200,
    connection: {
      delaysMs: [0, 100, 300],
      foreverDelayMs: 500,
      jitterRatio: 0.2,
      serverTimeoutMs: 2000,
      keepAliveIntervalMs: 500,
    },
    ...overrides,
  });
  session.setTokenStatus('valid');
  return {
    sim,
    session,
    tokens,
    journal,
    events,
    effects,
    state: () => state,
    async stop() {
      await session.stop();
      await sim.stop();
    },
  };
}

export async function waitUntil(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The guard's picture of an account, in the ledger's terms, for exact comparison. */
export function pictureOf(state: GuardState, accountId: number) {
  const a = state.accounts[String(accountId)];
  return {
    positions: Object.values(a?.positions ?? {})
      .filter((p) => p.size !== 0)
      .map((p) => ({ contractId: p.contractId, type: p.type, size: p.size, averagePrice: p.averagePrice }))
      .sort((x, y) => x.contractId.localeCompare(y.contractId)),
    openOrders: Object.values(a?.orders ?? {})
      .map((o) => ({ id: o.id, status: o.status, size: o.size }))
      .sort((x, y) => x.id - y.id),
    tradeIds: Object.keys(a?.trades ?? {})
      .map(Number)
      .sort((x, y) => x - y),
    realizedPnl: Math.round((a?.grossRealizedPnl ?? 0) * 100) / 100,
    fees: Math.round((a?.fees ?? 0) * 100) / 100,
    commissions: Math.round((a ? commissionsOf(a) : 0) * 100) / 100,
  };
}

export function truthOf(sim: Simulator, accountId: number) {
  const t = sim.ledger.truth(accountId);
  return {
    positions: t.positions
      .map((p) => ({ contractId: p.contractId, type: p.type, size: p.size, averagePrice: p.averagePrice }))
      .sort((x, y) => x.contractId.localeCompare(y.contractId)),
    openOrders: t.openOrders.map((o) => ({ id: o.id, status: o.status, size: o.size })).sort((x, y) => x.id - y.id),
    tradeIds: t.trades.map((tr) => tr.id).sort((x, y) => x - y),
    realizedPnl: Math.round(t.realizedPnl * 100) / 100,
    fees: Math.round(t.fees * 100) / 100,
    commissions: Math.round(t.commissions * 100) / 100,
  };
}

/**
 * Waits until the guard's picture of the account equals the ledger (events may still be in
 * flight when the ledger changes), then returns both for an exact assertion with a diff.
 */
export async function converge(harness: Harness, accountId: number, timeoutMs = 5000) {
  const same = () =>
    JSON.stringify(pictureOf(harness.state(), accountId)) === JSON.stringify(truthOf(harness.sim, accountId));
  await waitUntil(same, timeoutMs, `account ${accountId} to match the ledger`).catch(() => undefined);
  return { picture: pictureOf(harness.state(), accountId), truth: truthOf(harness.sim, accountId) };
}
