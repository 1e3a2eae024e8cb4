import type { Journal } from '../journal/journal';
import type { Clock, Random, Timers } from '../ports';
import type { TokenProvider } from '../resilience/executor';
import type { HubHealth, HubName, HubStatus } from '../state/events';
import type { HubTransportFactory } from './hub-transport';
import type { SubscriptionSpec } from './subscription-registry';

/**
 * The connection manager's vocabulary: its events, its one transition table (the diagram is
 * in connection-manager.ts), the hub events it forwards, and its options and surface.
 */
export type ConnectionEvent =
  | 'start'
  | 'opened'
  | 'failed'
  | 'refused'
  | 'lost'
  | 'stale'
  | 'logout'
  | 'reauthenticated'
  | 'retry'
  | 'renew'
  | 'stop';

/** The whole machine: anything not listed is ignored. */
export const TRANSITIONS: Readonly<Record<HubStatus, Partial<Record<ConnectionEvent, HubStatus>>>> = {
  disconnected: { start: 'connecting' },
  connecting: {
    opened: 'connected',
    failed: 'reconnecting',
    refused: 'closed-weekend',
    logout: 'logged-out',
    stop: 'disconnected',
  },
  connected: {
    lost: 'reconnecting',
    stale: 'reconnecting',
    refused: 'closed-weekend',
    logout: 'logged-out',
    renew: 'connecting',
    stop: 'disconnected',
  },
  reconnecting: { retry: 'connecting', logout: 'logged-out', stop: 'disconnected' },
  'closed-weekend': { retry: 'connecting', logout: 'logged-out', stop: 'disconnected' },
  'logged-out': { reauthenticated: 'connecting', stop: 'disconnected' },
};

export function nextStatus(status: HubStatus, event: ConnectionEvent): HubStatus | null {
  return TRANSITIONS[status][event] ?? null;
}

export const HUB_EVENTS: Readonly<Record<HubName, readonly string[]>> = {
  user: ['GatewayUserAccount', 'GatewayUserOrder', 'GatewayUserPosition', 'GatewayUserTrade'],
  market: ['GatewayQuote', 'GatewayTrade', 'GatewayDepth'],
};

export interface ConnectionManagerOptions {
  hub: HubName;
  /** http(s) URL of the hub. */
  url: string;
  transportFactory: HubTransportFactory;
  tokens: TokenProvider;
  clock: Clock;
  timers: Timers;
  random: Random;
  delaysMs?: readonly number[];
  foreverDelayMs?: number;
  jitterRatio?: number;
  serverTimeoutMs?: number;
  keepAliveIntervalMs?: number;
  /** A connection that lived this long resets the backoff; shorter ones continue it (no flap storm). */
  stableAfterMs?: number;
  /** Expiry (epoch ms) of the token in use, when the token manager knows it: the hub is renewed before. */
  tokenExpiresAt?: () => number | null;
  renewBeforeMs?: number;
  /** Every hub event with its raw arguments (parse with event-parser.ts). */
  onEvent: (event: string, args: unknown[]) => void;
  onHealth?: (health: HubHealth) => void;
  onConnected?: (info: { hub: HubName; reconnected: boolean }) => void;
  /**
   * The hub refused a subscription while the connection stayed open (refused-subscriptions.ts):
   * the connection is kept and the call asked again later; the owner may give it up
   * (`removeSubscription`).
   */
  onSubscriptionRefused?: (spec: SubscriptionSpec, reason: string) => void;
  /** A subscription refused before was accepted. */
  onSubscriptionAccepted?: (spec: SubscriptionSpec) => void;
  journal?: Journal;
}

export interface ConnectionManager {
  readonly hub: HubName;
  start(): void;
  stop(): Promise<void>;
  status(): HubStatus;
  health(): HubHealth;
  addSubscription(spec: SubscriptionSpec): void;
  removeSubscription(method: string, args: readonly (string | number)[]): void;
  subscriptions(): SubscriptionSpec[];
  /** Drop the current connection and reconnect through the backoff (e.g. after a failed resubscribe). */
  forceReconnect(reason: string): void;
}
