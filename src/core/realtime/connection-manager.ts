import type { TimerHandle } from '../ports';
import type { HubStatus } from '../state/events';
import {
  type ConnectionEvent,
  type ConnectionManager,
  type ConnectionManagerOptions,
  HUB_EVENTS,
  nextStatus,
} from './connection-machine';
import { createHubMonitor } from './health';
import { createHubSubscriptions, type HubLink } from './hub-subscriptions';
import type { HubTransport } from './hub-transport';
import { classifyFailure, DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, reconnectDelay } from './reconnect-policy';
import { redactTokens } from './redact-tokens';

export type { ConnectionEvent, ConnectionManager, ConnectionManagerOptions } from './connection-machine';
export { HUB_EVENTS, nextStatus, TRANSITIONS } from './connection-machine';

/**
 * One hub (user or market), kept connected for ever.
 *
 *                    start
 *   disconnected ───────────▶ connecting ──opened──▶ connected ──renew──▶ connecting
 *        ▲                     │   ▲   │               │  │  │
 *        │ stop (from any)     │   │   └─refused─┐     │  │  └─logout──▶ logged-out
 *        │               failed│   │retry        ▼     │  │                 │
 *        │                     ▼   │       closed-weekend◀┘refused          │ reauthenticated
 *        │                  reconnecting ◀──────────lost / stale────┘      ▼
 *        │                         └──────────retry──────────────────▶ connecting
 *
 * Every attempt builds a fresh transport with a fresh token from the TokenProvider. Retries
 * wait 0, 2, 10, 30, 60 s (jittered) and then 60 s for ever, first start included. While
 * the hubs are closed (weekend) the retries go on quietly: the journal hears of the state
 * once, not of every attempt. After every successful connect the manager replays all
 * subscriptions and calls `onConnected` so the owner can reconcile through REST (SignalR
 * does not replay what was missed). `GatewayLogout` makes the hub blind until the token
 * manager has re-authenticated. A subscription the hub refuses on an open connection keeps
 * the connection (hub-subscriptions.ts). The transition table is `TRANSITIONS` in
 * connection-machine.ts: every status change goes through `dispatch`, which consults it.
 */

export function createConnectionManager(options: ConnectionManagerOptions): ConnectionManager {
  const { hub, clock, timers, random, tokens } = options;
  const policy: ReconnectPolicy = {
    delaysMs: options.delaysMs ?? DEFAULT_RECONNECT_POLICY.delaysMs,
    foreverDelayMs: options.foreverDelayMs ?? DEFAULT_RECONNECT_POLICY.foreverDelayMs,
    jitterRatio: options.jitterRatio ?? DEFAULT_RECONNECT_POLICY.jitterRatio,
  };
  const serverTimeoutMs = options.serverTimeoutMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 10_000;
  const renewBeforeMs = options.renewBeforeMs ?? 10 * 60_000;

  let status: HubStatus = 'disconnected';
  let lastJournaled: HubStatus = 'disconnected';
  /** Bumped whenever the current transport is abandoned: late callbacks of old ones are ignored. */
  let generation = 0;
  let transport: HubTransport | null = null;
  let token: string | null = null;
  let failures = 0;
  let connectedAt = 0;
  let everConnected = false;
  let reauthNeeded = false;
  let weekend = false;
  let retryTimer: TimerHandle | null = null;
  let renewTimer: TimerHandle | null = null;

  const monitor = createHubMonitor({
    clock,
    timers,
    serverTimeoutMs,
    onChange: (h) => options.onHealth?.(h),
    onStale: () => dispatch('stale', 'no message within the server timeout'),
  });

  const journal = (message: string, data: Record<string, unknown>) => {
    // Error texts may quote a URL; a browser's carries the token as `access_token`.
    const clean = JSON.parse(redactTokens(JSON.stringify(data))) as Record<string, unknown>;
    void options.journal
      ?.append({ at: clock.now(), kind: 'connection', accountId: null, message, data: clean })
      .catch(() => {
        // The journal failing must not take the connection down with it.
      });
  };

  const subscriptions = createHubSubscriptions({
    hub,
    timers,
    random,
    policy,
    journal,
    onLost: (reason) => dispatch('lost', reason),
    onRefused: (spec, reason) => options.onSubscriptionRefused?.(spec, reason),
    onAccepted: (spec) => options.onSubscriptionAccepted?.(spec),
  });
  const linkTo = (t: HubTransport, gen: number): HubLink => ({ transport: t, current: () => gen === generation });
  /** The current connection, while the hub is connected. */
  const liveLink = (): HubLink | null => (status === 'connected' && transport ? linkTo(transport, generation) : null);

  const clearTimer = (handle: TimerHandle | null) => {
    if (handle !== null) timers.clearTimeout(handle);
    return null;
  };

  let stopping: Promise<void> = Promise.resolve();
  const abandonTransport = () => {
    generation += 1;
    renewTimer = clearTimer(renewTimer);
    subscriptions.cancelRetries();
    const old = transport;
    transport = null;
    if (old) stopping = old.stop().catch(() => undefined);
  };

  function dispatch(event: ConnectionEvent, reason?: string): boolean {
    const next = nextStatus(status, event);
    if (next === null) return false;
    const from = status;
    status = next;
    // Leaving a connection that held up: the next failure starts the backoff from 0 again.
    if (from === 'connected' && clock.now() - connectedAt >= stableAfterMs) failures = 0;
    if (next === 'closed-weekend') weekend = true;
    if (next === 'connected' || next === 'disconnected') weekend = false;
    monitor.setStatus(next);
    // Quiet backoff: the connecting ↔ reconnecting/closed-weekend cycle journals once.
    if (next !== 'connecting' && next !== lastJournaled) {
      lastJournaled = next;
      journal(`${hub} hub ${next}`, { hub, from, event, ...(reason ? { reason } : {}) });
    }
    switch (event) {
      case 'failed':
      case 'refused':
      case 'lost':
      case 'stale':
        if (from === 'connected') abandonTransport();
        scheduleRetry();
        break;
      case 'logout':
        abandonTransport();
        retryTimer = clearTimer(retryTimer);
        void reauthenticate();
        break;
      case 'start':
      case 'retry':
      case 'reauthenticated':
        void attempt();
        break;
      case 'renew':
        abandonTransport();
        void attempt();
        break;
      case 'stop':
        abandonTransport();
        retryTimer = clearTimer(retryTimer);
        break;
      case 'opened':
        break;
    }
    return true;
  }

  function scheduleRetry(): void {
    retryTimer = clearTimer(retryTimer);
    const delay = reconnectDelay(failures, policy, random);
    failures += 1;
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      dispatch('retry');
    }, delay);
  }

  async function reauthenticate(): Promise<void> {
    const gen = generation;
    try {
      token = await tokens.onUnauthorized(token ?? '');
      reauthNeeded = false;
      if (gen === generation) dispatch('reauthenticated');
    } catch {
      // The token manager could not re-authenticate (network, or the key must be re-entered):
      // stay blind and ask again later, quietly.
      if (gen !== generation || status !== 'logged-out') return;
      const delay = reconnectDelay(failures, policy, random);
      failures += 1;
      retryTimer = timers.setTimeout(() => {
        retryTimer = null;
        if (status === 'logged-out') void reauthenticate();
      }, delay);
    }
  }

  async function attempt(): Promise<void> {
    const gen = ++generation;
    let current: HubTransport | null = null;
    try {
      token = reauthNeeded ? await tokens.onUnauthorized(token ?? '') : await tokens.getToken();
      reauthNeeded = false;
      if (gen !== generation) return;
      const fresh = token;
      current = options.transportFactory({
        url: options.url,
        accessTokenFactory: async () => fresh,
        serverTimeoutMs,
        ...(options.keepAliveIntervalMs === undefined ? {} : { keepAliveIntervalMs: options.keepAliveIntervalMs }),
      });
      wire(current, gen);
      monitor.watchSilence(current.pingsVisible);
      transport = current;
      await current.start();
    } catch (error) {
      if (gen !== generation) return;
      if (current) void current.stop().catch(() => undefined);
      transport = null;
      const kind = classifyFailure(error);
      // In a browser (and with the Node client) a refused upgrade carries no status: a 401
      // looks like any other failure. So a failing streak also re-authenticates now and then
      // (2nd failure, then every 10th), which cures a token revoked without GatewayLogout.
      if (kind === 'unauthorized' || failures === 1 || (failures > 1 && failures % 10 === 0)) reauthNeeded = true;
      // Once the hubs have said "closed", plain failures keep that label until a connect works.
      dispatch(kind === 'refused' || weekend ? 'refused' : 'failed', kind);
      return;
    }
    if (gen !== generation) {
      void current.stop().catch(() => undefined);
      return;
    }
    connectedAt = clock.now();
    monitor.message(); // the handshake answer is a message from the server
    dispatch('opened');
    scheduleRenewal();
    await subscriptions.replay(linkTo(current, gen));
    if (gen !== generation) return;
    const reconnected = everConnected;
    everConnected = true;
    options.onConnected?.({ hub, reconnected });
  }

  function wire(t: HubTransport, gen: number): void {
    t.onAnyMessage(() => {
      if (gen === generation) monitor.message();
    });
    for (const event of HUB_EVENTS[hub]) {
      t.on(event, (...args) => {
        if (gen !== generation) return;
        try {
          options.onEvent(event, args);
        } catch (error) {
          journal(`${hub} hub event handler failed`, { hub, event, error: String(error) });
        }
      });
    }
    t.on('GatewayLogout', () => {
      if (gen === generation) dispatch('logout', 'GatewayLogout');
    });
    t.onclose((error) => {
      if (gen !== generation) return;
      dispatch(classifyFailure(error) === 'refused' ? 'refused' : 'lost', error ? error.message : 'closed');
    });
  }

  function scheduleRenewal(): void {
    renewTimer = clearTimer(renewTimer);
    const expiresAt = options.tokenExpiresAt?.() ?? null;
    if (expiresAt === null) return;
    // Never renew in a tight loop, even if the token manager hands out a nearly expired token.
    const delay = Math.max(expiresAt - renewBeforeMs - clock.now(), policy.foreverDelayMs);
    renewTimer = timers.setTimeout(() => {
      renewTimer = null;
      dispatch('renew', 'token expires soon');
    }, delay);
  }

  return {
    hub,
    start() {
      dispatch('start');
    },
    async stop() {
      dispatch('stop');
      monitor.dispose();
      await stopping;
    },
    status: () => status,
    health: () => monitor.health(),
    addSubscription: (spec) => subscriptions.add(spec, liveLink()),
    removeSubscription: (method, args) => subscriptions.remove(method, args, liveLink()),
    subscriptions: () => subscriptions.list(),
    forceReconnect(reason) {
      dispatch('lost', reason);
    },
  };
}
