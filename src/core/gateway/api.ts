import type { z } from 'zod';
import type { Lane } from '../resilience/lanes';
import type {
  ENDPOINTS,
  EndpointName,
  ModifyOrderBodySchema,
  PlaceOrderBodySchema,
  RetrieveBarsBodySchema,
} from './endpoints';
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

/** The request bodies, as their schemas in endpoints.ts define them. */
export type PlaceOrderRequest = z.infer<typeof PlaceOrderBodySchema>;
export type ModifyOrderRequest = z.infer<typeof ModifyOrderBodySchema>;
export type RetrieveBarsRequest = z.infer<typeof RetrieveBarsBodySchema>;

/** The named fields of a loose object type (its `[key: string]: unknown` dropped, so a misspelt field does not compile). */
type NamedFields<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
/** The body of any endpoint, as its schema in ENDPOINTS defines it. */
export type RequestBody<E extends EndpointName> = NamedFields<z.infer<(typeof ENDPOINTS)[E]['request']>>;

export interface GatewayApi {
  searchAccounts(body: RequestBody<'searchAccounts'>, ctx?: CallContext): Promise<Account[]>;
  searchContracts(body: RequestBody<'searchContracts'>, ctx?: CallContext): Promise<Contract[]>;
  contractById(body: RequestBody<'contractById'>, ctx?: CallContext): Promise<Contract>;
  availableContracts(body: RequestBody<'availableContracts'>, ctx?: CallContext): Promise<Contract[]>;
  retrieveBars(body: RetrieveBarsRequest, ctx?: CallContext): Promise<Bar[]>;
  searchOrders(body: RequestBody<'searchOrders'>, ctx?: CallContext): Promise<Order[]>;
  searchOpenOrders(body: RequestBody<'searchOpenOrders'>, ctx?: CallContext): Promise<Order[]>;
  placeOrder(body: PlaceOrderRequest, ctx?: CallContext): Promise<{ orderId: number }>;
  cancelOrder(body: RequestBody<'cancelOrder'>, ctx?: CallContext): Promise<void>;
  modifyOrder(body: ModifyOrderRequest, ctx?: CallContext): Promise<void>;
  searchOpenPositions(body: RequestBody<'searchOpenPositions'>, ctx?: CallContext): Promise<Position[]>;
  closePosition(body: RequestBody<'closePosition'>, ctx?: CallContext): Promise<void>;
  partialClosePosition(body: RequestBody<'partialClosePosition'>, ctx?: CallContext): Promise<void>;
  searchTrades(body: RequestBody<'searchTrades'>, ctx?: CallContext): Promise<Trade[]>;
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
