import type { TokenState } from '../auth/token-manager-api';
import type { Clock, TimerHandle, Timers } from '../ports';
import type { DomainEvent, GuardHealth, HubHealth, HubName, HubStatus } from '../state/events';

/**
 * Health of the real-time path, in two parts:
 *
 * - `createHubMonitor`: one hub's status, last-message time (any frame, pings included when
 *   the transport can see them) and staleness. A connected hub silent for longer than the
 *   server timeout is stale; `onStale` lets the connection manager force a reconnect.
 * - `createHealthAggregator`: both hubs plus the token status → `GuardHealth`, including
 *   `blindSince` (no usable token, or the user hub not connected, or stale). It emits on every
 *   change of anything but the last-message time, so the UI hears of trouble at once rather
 *   than on the next poll.
 */

export interface HubMonitor {
  setStatus(status: HubStatus): void;
  /** Any frame from the server (event or ping). */
  message(): void;
  /**
   * Whether silence means trouble. Off when the transport cannot see pings: a quiet market
   * would look stale, and the SignalR client's own server timeout closes the connection.
   */
  watchSilence(on: boolean): void;
  health(): HubHealth;
  dispose(): void;
}

export function createHubMonitor(options: {
  clock: Clock;
  timers: Timers;
  serverTimeoutMs: number;
  onChange: (health: HubHealth) => void;
  onStale: () => void;
}): HubMonitor {
  const { clock, timers, serverTimeoutMs } = options;
  let status: HubStatus = 'disconnected';
  let since = clock.now();
  let lastMessageAt: number | null = null;
  let stale = false;
  let connectedAt = 0;
  let timer: TimerHandle | null = null;
  let watching = true;

  const snapshot = (): HubHealth => ({ status, since, lastMessageAt, stale });
  const disarm = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  // One timer per silence window, re-armed lazily: at 60 events/s re-arming on every message
  // would churn timers for nothing.
  const arm = (delayMs: number) => {
    disarm();
    timer = timers.setTimeout(check, Math.max(0, delayMs));
  };
  function check(): void {
    timer = null;
    if (status !== 'connected' || !watching) return;
    const last = Math.max(lastMessageAt ?? 0, connectedAt);
    const silentFor = clock.now() - last;
    if (silentFor < serverTimeoutMs) {
      arm(serverTimeoutMs - silentFor);
      return;
    }
    if (!stale) {
      stale = true;
      options.onChange(snapshot());
      options.onStale();
    }
  }

  return {
    setStatus(next) {
      if (next === status && !stale) return;
      status = next;
      since = clock.now();
      stale = false;
      if (status === 'connected') {
        connectedAt = since;
        arm(serverTimeoutMs);
      } else {
        disarm();
      }
      options.onChange(snapshot());
    },
    message() {
      lastMessageAt = clock.now();
      if (stale) {
        stale = false;
        options.onChange(snapshot());
      }
      if (status === 'connected' && timer === null) arm(serverTimeoutMs);
    },
    watchSilence(on) {
      watching = on;
    },
    health: snapshot,
    dispose: disarm,
  };
}

export interface HealthAggregator {
  update(hub: HubName, health: HubHealth): void;
  setToken(status: TokenState): void;
  current(): GuardHealth;
}

const BLIND_TOKEN: ReadonlySet<TokenState> = new Set(['none', 'failed', 'reenter-key']);

export function isBlind(health: Pick<GuardHealth, 'user' | 'token'>): boolean {
  return BLIND_TOKEN.has(health.token) || health.user.status !== 'connected' || health.user.stale;
}

function sameHub(a: HubHealth, b: HubHealth): boolean {
  return a.status === b.status && a.since === b.since && a.stale === b.stale;
}

export function createHealthAggregator(options: {
  clock: Clock;
  token?: TokenState;
  onChange: (health: GuardHealth) => void;
}): HealthAggregator {
  const start = options.clock.now();
  const initialHub = (): HubHealth => ({ status: 'disconnected', since: start, lastMessageAt: null, stale: false });
  let health: GuardHealth = {
    user: initialHub(),
    market: initialHub(),
    token: options.token ?? 'none',
    blindSince: start,
  };

  const apply = (next: Omit<GuardHealth, 'blindSince'>) => {
    const blind = isBlind(next);
    const blindSince = blind ? (health.blindSince ?? options.clock.now()) : null;
    const changed =
      !sameHub(health.user, next.user) ||
      !sameHub(health.market, next.market) ||
      health.token !== next.token ||
      health.blindSince !== blindSince;
    health = { ...next, blindSince };
    if (changed) options.onChange(health);
  };

  return {
    update(hub, hubHealth) {
      apply({ ...health, [hub]: { ...hubHealth } });
    },
    setToken(status) {
      apply({ ...health, token: status });
    },
    current: () => health,
  };
}

export function healthEvent(health: GuardHealth, receivedAt: number): DomainEvent {
  return { kind: 'health', source: 'local', receivedAt, health };
}
