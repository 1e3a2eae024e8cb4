import type { Lane } from '../resilience/lanes';
import type { Account, Bar, Contract, Order, Position, Trade } from './schemas';

/**
 * The typed REST surface of the gateway, one function per endpoint. `rest-client.ts`
 * implements it over the resilient executor; tests may implement it over the simulator or
 * by hand. Every call takes the lane it runs in (enforcement, reconciliation, routine) and
 * an optional AbortSignal.
 */
export interface CallContext {
  lane?: Lane;
  signal?: AbortSignal;
}

export interface PlaceOrderRequest {
  accountId: number;
  contractId: string;
  type: number;
  side: number;
  size: number;
  limitPrice?: number | null;
  stopPrice?: number | null;
  trailPrice?: number | null;
  customTag?: string | null;
  stopLossBracket?: { ticks: number; type: number } | null;
  takeProfitBracket?: { ticks: number; type: number } | null;
}

export interface ModifyOrderRequest {
  accountId: number;
  orderId: number;
  size?: number | null;
  limitPrice?: number | null;
  stopPrice?: number | null;
  trailPrice?: number | null;
}

export interface RetrieveBarsRequest {
  contractId: string;
  live: boolean;
  startTime: string;
  endTime: string;
  unit: number;
  unitNumber: number;
  limit: number;
  includePartialBar: boolean;
}

export interface GatewayApi {
  searchAccounts(body: { onlyActiveAccounts: boolean }, ctx?: CallContext): Promise<Account[]>;
  searchContracts(body: { searchText: string; live: boolean }, ctx?: CallContext): Promise<Contract[]>;
  contractById(body: { contractId: string }, ctx?: CallContext): Promise<Contract>;
  availableContracts(body: { live: boolean }, ctx?: CallContext): Promise<Contract[]>;
  retrieveBars(body: RetrieveBarsRequest, ctx?: CallContext): Promise<Bar[]>;
  searchOrders(
    body: { accountId: number; startTimestamp: string; endTimestamp?: string },
    ctx?: CallContext,
  ): Promise<Order[]>;
  searchOpenOrders(body: { accountId: number }, ctx?: CallContext): Promise<Order[]>;
  placeOrder(body: PlaceOrderRequest, ctx?: CallContext): Promise<{ orderId: number }>;
  cancelOrder(body: { accountId: number; orderId: number }, ctx?: CallContext): Promise<void>;
  modifyOrder(body: ModifyOrderRequest, ctx?: CallContext): Promise<void>;
  searchOpenPositions(body: { accountId: number }, ctx?: CallContext): Promise<Position[]>;
  closePosition(body: { accountId: number; contractId: string }, ctx?: CallContext): Promise<void>;
  partialClosePosition(body: { accountId: number; contractId: string; size: number }, ctx?: CallContext): Promise<void>;
  searchTrades(
    body: { accountId: number; startTimestamp: string; endTimestamp?: string },
    ctx?: CallContext,
  ): Promise<Trade[]>;
  ping(ctx?: CallContext): Promise<void>;
}

/** The reads the reconciler and the enforcer need: a subset of GatewayApi. */
export type GatewayReads = Pick<
  GatewayApi,
  'searchAccounts' | 'searchOpenPositions' | 'searchOpenOrders' | 'searchTrades' | 'contractById'
>;

/** Result of one idempotent order action. */
export type ActionOutcome =
  | { status: 'done'; detail?: string }
  /** Nothing to do: already flat, already cancelled/filled, position smaller than asked. */
  | { status: 'noop'; detail: string }
  | { status: 'failed'; error: string; retryable: boolean };

/**
 * An action the enforcer sends at once, the moment it decides (its fast path): closing a whole
 * position, cancelling an order, or a reduction sized from a sighting it knows to be fresh.
 */
export type ImmediateAction =
  | { kind: 'close'; contractId: string }
  | { kind: 'cancel'; orderId: number }
  | { kind: 'reduce'; contractId: string; size: number };

/**
 * The order manager: the only path for mutations. Every action is an intent written to the
 * durable store before its request; ambiguous failures are resolved by re-reading (orders by
 * `customTag`, open positions) before any retry; closes never exceed what is open.
 */
export interface OrderActions {
  placeOrder(
    request: Omit<PlaceOrderRequest, 'customTag'>,
    ctx?: CallContext & { intentKey?: string },
  ): Promise<{ status: 'done'; orderId: number } | Exclude<ActionOutcome, { status: 'done' }>>;
  cancelOrder(accountId: number, orderId: number, ctx?: CallContext): Promise<ActionOutcome>;
  modifyOrder(request: ModifyOrderRequest, ctx?: CallContext): Promise<ActionOutcome>;
  /** Close the whole position in `contractId` (noop when flat). */
  closePosition(accountId: number, contractId: string, ctx?: CallContext): Promise<ActionOutcome>;
  /** Reduce |size| by `size`, capped at what is open, never reversing. */
  reducePosition(accountId: number, contractId: string, size: number, ctx?: CallContext): Promise<ActionOutcome>;
  /**
   * ONE request, sent at once: no intent record written first, no read first, never retried.
   * Only for what cannot overshoot (a whole close, a cancel) or a reduction the caller sized
   * from a fresh sighting; the caller verifies by reading afterwards. Resolves done, or failed
   * when the gateway refused it (e.g. nothing open); throws when the outcome is unknown.
   */
  sendNow(accountId: number, action: ImmediateAction, ctx?: CallContext): Promise<ActionOutcome>;
}
