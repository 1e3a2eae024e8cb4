/**
 * The gateway simulator's public surface: what tests, benchmarks, the demo and the CLI use.
 * `startSimulator(options)` in `./index.ts` returns a `Simulator`. Everything here is plain
 * Node (no browser); REST and the SignalR hubs are served over real HTTP/WebSockets on
 * loopback. The ledger is the ground truth tests compare the guard against.
 */
import type { ModifyOrderRequest, PlaceOrderRequest } from '../src/core/gateway/api';
import type { Account, Contract, Order, Position, Trade } from '../src/core/gateway/schemas';
import type { MarketHoursOptions, MarketSession } from './market-hours';

export type { MarketHoursOptions, MarketSession } from './market-hours';

export type HubKind = 'user' | 'market';
/** How user-hub payloads are framed: as documented, `{action,data}`, or preceded by the account id. */
export type PayloadForm = 'documented' | 'wrapped' | 'account-prefixed';

export interface SimAccountSeed {
  id?: number;
  name: string;
  balance: number;
  canTrade?: boolean;
  isVisible?: boolean;
  simulated?: boolean;
}

export interface SimUserSeed {
  userName: string;
  apiKey: string;
  accounts: SimAccountSeed[];
}

export interface SimulatorOptions {
  host?: string; // default 127.0.0.1
  port?: number; // default 0 (any free port)
  seed?: number; // default 1: prices, fault probabilities, ids are deterministic under a seed
  /** Epoch-ms clock of the exchange (trade timestamps, token expiry, rate windows). Default Date.now. */
  now?: () => number;
  tokenLifetimeSec?: number; // default 86400
  pingIntervalMs?: number; // default 15000
  /** Random-walk step interval for every contract with subscribers or positions; 0 = only scripted/manual prices. */
  priceTickMs?: number; // default 1000
  /** Max contracts filled per price level before a market order walks the book (partial fills); Infinity = deep book. */
  bookDepth?: number; // default Infinity
  /** Ask − bid in ticks (extension). Default 0: `setPrice(p)` makes bid = ask = last = p, so fills are predictable. */
  spreadTicks?: number;
  feesPerContract?: number; // default round-turn half 0.37 per side per contract (micro 0.37, mini 1.40 ...)
  commissionsPerContract?: number; // default 0.25 per side per contract (as on a live MNQ trade)
  users?: SimUserSeed[]; // default: one demo user with two accounts
  rateLimits?: { general: { limit: number; windowMs: number }; bars: { limit: number; windowMs: number } };
  /**
   * Extension, opt-in (default off: always open): follow the CME calendar on the simulator's
   * own clock (`now`). Daily break 16:00–17:00 America/Chicago, weekend Friday 16:00 → Sunday
   * 17:00. While closed, Order/place and both closes answer HTTP 200 `errorCode 5` "Outside
   * trading hours." (cancel and modify still work; price moves fill nothing); at the weekend
   * the hubs are closed as by `faults.closeHubs()`. `true` = those defaults.
   */
  marketHours?: boolean | MarketHoursOptions;
  /**
   * Extension, opt-in (default: keep everything), for runs of days (the soak): every 5 s of
   * wall time (a tenth of a shorter retention), forget what is older than this on the
   * simulator's clock — ledger entries (folded into a checkpoint: `truth()` keeps all-time
   * sums, `truth(at)` refuses earlier times), orders ended and trades made before it
   * (Order/search and Trade/search answer from what is kept), recorded price ticks (bars) —
   * and keep the last 5,000 requests instead of 50,000.
   */
  retainHistoryMs?: number;
  /**
   * Extension, opt-in (default none): seeded past trading for the first user's accounts over
   * the last `tradingDays` trading days before `now` (history/past-history.ts), served by
   * Trade/search and History/retrieveBars. The current trading day stays empty; the past is not
   * in the ledger.
   */
  history?: { tradingDays: number };
}

/** An Order/place body without the account (the trader's controls name it apart). */
export type SimOrderRequest = Omit<PlaceOrderRequest, 'accountId'>;
/** An Order/modify body without the account and order (named apart). */
export type SimOrderChange = Omit<ModifyOrderRequest, 'accountId' | 'orderId'>;

export type FaultTarget =
  | { kind: 'rest'; endpoint?: string } // e.g. '/api/Order/place'; omitted = every endpoint
  | { kind: 'hub'; hub?: HubKind; event?: string }; // e.g. 'GatewayUserTrade'

export type FaultEffect =
  | { type: 'latency'; ms: number }
  | { type: 'http-error'; status: number } // 500, 502, 503 ...
  | { type: 'timeout' } // the request hangs until the client gives up
  | { type: 'apply-then-fail'; status?: number } // the action is applied, the answer is lost (socket destroyed, or `status`)
  | { type: 'rate-limit'; retryAfterSec?: number } // 429 storm
  | { type: 'business-error'; errorCode: number; errorMessage: string }
  // The request is handled as usual, then one field of its JSON answer is replaced: `path` is
  // dot-separated, array indices as numbers (`positions.0.averagePrice`); `value` defaults to
  // the string 'corrupted'. An answer without that path goes out as it was.
  | { type: 'corrupt'; path: string; value?: unknown }
  | { type: 'drop' } // hub message never sent
  | { type: 'lose' } // hub message silently lost (same as drop; kept separate for reporting)
  | { type: 'duplicate' }
  | { type: 'delay'; ms: number }
  | { type: 'hold' } // kept until `faults.release()`
  | { type: 'reorder' }; // swapped with the next message to the same connection

export type FaultSchedule =
  | { type: 'once' }
  | { type: 'always' }
  | { type: 'count'; n: number }
  | { type: 'probability'; p: number } // seeded
  | { type: 'window'; fromMs: number; toMs: number }; // relative to now() when added

export interface FaultSpec {
  target: FaultTarget;
  effect: FaultEffect;
  schedule: FaultSchedule;
}

export interface FaultControl {
  add(spec: FaultSpec): string;
  remove(id: string): void;
  clear(): void;
  /** How many times each fault fired, by id. */
  fired(): Record<string, number>;
  /** Close sockets of one hub or both: abrupt (TCP reset) or graceful (SignalR close message). */
  dropSockets(options?: { hub?: HubKind; graceful?: boolean; error?: string }): number;
  /** Refuse new hub connections for `ms` (HTTP 503 on the WebSocket upgrade). */
  refuseConnections(ms: number, hub?: HubKind): void;
  /**
   * "Weekend": hubs closed (connections refused and existing ones closed) until reopened.
   * Independent of the market-hours weekend: `openHubs()` does not open hubs the calendar closed.
   */
  closeHubs(): void;
  openHubs(): void;
  /**
   * The gateway out of reach from the guard's network (same host, nothing answers): every REST
   * connection is reset on arrival, before any status or `Date` header, and the hubs are closed.
   * `reachable()` undoes it.
   */
  unreachable(): void;
  reachable(): void;
  /** Release every held hub message, in order. */
  release(): void;
  revokeTokens(userName?: string): void;
  /**
   * Extension: the trader revokes the API key on the TopstepX site. `Auth/loginKey` with it then
   * answers `success:false`, errorCode 3 (as a wrong key does) and the user's tokens end (401);
   * open hub connections stay until they reconnect. Without a name: every user's key.
   * `restoreApiKey` makes the same key good again (old tokens stay dead).
   */
  revokeApiKey(userName?: string): void;
  restoreApiKey(userName?: string): void;
  /** Send GatewayLogout on every hub connection of the user and revoke the user's tokens. */
  logout(userName?: string): void;
  setCanTrade(accountId: number, canTrade: boolean): void;
  /**
   * Extension: the platform voids (busts) a trade after the fact. The trade keeps its id and
   * figures with `voided: true` (Trade/search, ledger, `GatewayUserTrade`); the balance gives
   * back its P&L and costs (balance − profitAndLoss + fees + commissions, then `GatewayUserAccount`);
   * positions are unchanged. Returns the voided trade; throws for an unknown account or trade,
   * or a trade already voided.
   */
  voidTrade(accountId: number, tradeId: number): Trade;
}

export type LedgerEntry =
  | { seq: number; at: number; type: 'order'; accountId: number; order: Order; via: 'api' | 'trader' | 'engine' }
  | { seq: number; at: number; type: 'trade'; accountId: number; trade: Trade }
  | { seq: number; at: number; type: 'position'; accountId: number; position: Position }
  | { seq: number; at: number; type: 'balance'; accountId: number; balance: number }
  | {
      seq: number;
      at: number;
      type: 'close-request';
      accountId: number;
      contractId: string;
      requestedSize: number | 'all';
      openSizeBefore: number;
      applied: boolean;
      /** Set when refused: 2 no open position, 5 invalid size or outside trading hours. */
      errorCode?: number;
    }
  | { seq: number; at: number; type: 'account'; accountId: number; account: Account };

export interface AccountTruth {
  account: Account;
  positions: Position[]; // open only
  openOrders: Order[]; // working (open, pending, suspended)
  orders: Order[]; // every order ever, latest version
  trades: Trade[]; // every trade, latest version (a voided one once, with voided: true), in fill order
  realizedPnl: number; // Σ profitAndLoss of non-voided trades
  fees: number; // Σ fees of non-voided trades
  commissions: number; // Σ commissions of non-voided trades
}

export interface Ledger {
  entries(filter?: { accountId?: number; type?: LedgerEntry['type']; sinceSeq?: number }): LedgerEntry[];
  /** The true state of an account now, or as it was at `at` (epoch ms). */
  truth(accountId: number, at?: number): AccountTruth;
  /** Orders placed through the API with this customTag (the duplicate check). */
  ordersWithTag(accountId: number, customTag: string): Order[];
  /** Close requests that would have closed more than was open (must stay empty). */
  overCloses(): Extract<LedgerEntry, { type: 'close-request' }>[];
  /** seq of the newest entry (0 when empty): `entries({ sinceSeq })` later gives what came after. */
  lastSeq(): number;
}

export interface RequestLogEntry {
  at: number; // arrival, epoch ms (performance-based, monotonic within a run)
  endpoint: string;
  userName: string | null;
  httpStatus: number;
  success: boolean | null;
  durationMs: number;
  body: unknown;
}

export interface Simulator {
  readonly restUrl: string; // e.g. http://127.0.0.1:41234 (endpoints under /api/...)
  readonly userHubUrl: string; // http://127.0.0.1:41234/hubs/user
  readonly marketHubUrl: string; // http://127.0.0.1:41234/hubs/market
  readonly controlUrl: string; // http://127.0.0.1:41234/control (JSON control API for the CLI and demo)
  readonly demo: { userName: string; apiKey: string; accountIds: number[] };
  readonly contracts: Contract[];
  /** Act as the trader on the TopstepX page: bypasses REST and rate limits, events go out as usual. */
  readonly trader: {
    placeOrder(accountId: number, order: SimOrderRequest): number;
    cancelOrder(accountId: number, orderId: number): void;
    closePosition(accountId: number, contractId: string): void;
    /** Extension: move or resize a working order (e.g. the trader widens a stop). Throws when rejected. */
    modifyOrder(accountId: number, orderId: number, change: SimOrderChange): void;
  };
  readonly market: {
    price(contractId: string): number;
    setPrice(contractId: string, price: number): void; // moves the touch, triggers resting orders
    /** Play a price path one step per `priceTickMs` (or at once with `step()`). */
    script(contractId: string, prices: number[]): void;
    step(): void;
    /** Extension: where the market-hours calendar stands now ('open' when market hours are off). */
    session(): MarketSession;
  };
  readonly faults: FaultControl;
  readonly ledger: Ledger;
  readonly requests: {
    list(endpoint?: string): RequestLogEntry[];
    /** Requests logged so far (trimmed ones included): a cheap mark for since(). */
    count(): number;
    /** Requests logged after the first `n` (cheap to poll: copies only those). */
    since(n: number): RequestLogEntry[];
    clear(): void;
  };
  readonly rateLimits: { used(userName: string, bucket: 'general' | 'bars'): number; rejected(): number };
  readonly hubs: {
    connections(
      hub?: HubKind,
    ): Array<{ id: string; hub: HubKind; userName: string; form: PayloadForm; subscriptions: string[] }>;
    /** Set the payload form for new and existing connections of a hub (a connection may also ask with `?form=`). */
    setPayloadForm(form: PayloadForm, hub?: HubKind): void;
  };
  stop(): Promise<void>;
}

export type StartSimulator = (options?: SimulatorOptions) => Promise<Simulator>;
