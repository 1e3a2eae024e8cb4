import type { TokenState } from '../auth/token-manager-api';
import type { Account, Contract, Order, Position, Quote, Trade } from '../gateway/schemas';

/**
 * Normalized domain events: what every source (user hub, market hub, REST reconciliation,
 * timers) becomes before it reaches the reducer and the rules. `source` says where it came
 * from, so the journal can record what reconciliation found that the hubs missed.
 */
export type EventSource = 'hub' | 'reconcile' | 'timer' | 'local';

export type DomainEvent =
  | { kind: 'account'; source: EventSource; receivedAt: number; account: Account }
  | { kind: 'order'; source: EventSource; receivedAt: number; order: Order }
  | { kind: 'position'; source: EventSource; receivedAt: number; position: Position }
  | { kind: 'trade'; source: EventSource; receivedAt: number; trade: Trade }
  | { kind: 'quote'; source: EventSource; receivedAt: number; contractId: string; quote: Quote }
  | { kind: 'contract'; source: EventSource; receivedAt: number; contract: Contract }
  | { kind: 'health'; source: EventSource; receivedAt: number; health: GuardHealth }
  | { kind: 'tick'; source: 'timer'; receivedAt: number };

export type DomainEventKind = DomainEvent['kind'];

/** The account a user-hub kind of event is about (account, order, position, trade); null for the others. */
export function eventAccountId(event: DomainEvent): number | null {
  switch (event.kind) {
    case 'account':
      return event.account.id;
    case 'order':
      return event.order.accountId;
    case 'position':
      return event.position.accountId;
    case 'trade':
      return event.trade.accountId;
    default:
      return null;
  }
}

export type HubName = 'user' | 'market';

/** Connection states of one hub; see realtime/connection-manager.ts for the machine. */
export type HubStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'closed-weekend' | 'logged-out';

export interface HubHealth {
  status: HubStatus;
  /** Epoch ms of the status change. */
  since: number;
  /** Epoch ms of the last message of any kind (ping included), or null. */
  lastMessageAt: number | null;
  /** True when the hub is connected but silent past the server timeout. */
  stale: boolean;
}

export interface GuardHealth {
  user: HubHealth;
  market: HubHealth;
  token: TokenState;
  /** The guard cannot see the account (no token, user hub down or stale): epoch ms since, or null. */
  blindSince: number | null;
}
