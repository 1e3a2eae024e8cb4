/** ProjectX Gateway enums, numerically as the API sends them (docs/gateway.md, "Enums"). */

export const OrderSide = { Bid: 0, Ask: 1 } as const;
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

export const OrderType = {
  Unknown: 0,
  Limit: 1,
  Market: 2,
  StopLimit: 3,
  Stop: 4,
  TrailingStop: 5,
  JoinBid: 6,
  JoinAsk: 7,
} as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

export const OrderStatus = {
  None: 0,
  Open: 1,
  Filled: 2,
  Cancelled: 3,
  Expired: 4,
  Rejected: 5,
  Pending: 6,
  PendingCancellation: 7,
  /** Live: a bracket child (stop / target) waiting for its entry order to fill; no price yet. */
  Suspended: 8,
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Statuses in which an order can still fill: it is "working". */
export const WORKING_ORDER_STATUSES: ReadonlySet<number> = new Set([
  OrderStatus.Open,
  OrderStatus.Pending,
  OrderStatus.Suspended,
  OrderStatus.PendingCancellation,
]);

export const PositionType = { Undefined: 0, Long: 1, Short: 2 } as const;
export type PositionType = (typeof PositionType)[keyof typeof PositionType];

export const TradeLogType = { Buy: 0, Sell: 1 } as const;

export const DomType = {
  Unknown: 0,
  Ask: 1,
  Bid: 2,
  BestAsk: 3,
  BestBid: 4,
  Trade: 5,
  Reset: 6,
  Low: 7,
  High: 8,
  NewBestBid: 9,
  NewBestAsk: 10,
  Fill: 11,
} as const;

export const BarUnit = { Second: 1, Minute: 2, Hour: 3, Day: 4, Week: 5, Month: 6 } as const;

/** Error codes the real service answers with HTTP 200 and `success: false`. Incomplete. */
export const PlaceOrderErrorCode = {
  AccountNotFound: 1,
  Rejected: 2,
  InsufficientFunds: 3,
  AccountViolation: 4,
  OutsideTradingHours: 5,
  Pending: 6,
  Unknown: 7,
  ContractNotFound: 8,
  ContractNotActive: 9,
  AccountRejected: 10,
} as const;

/** closeContract / partialCloseContract: 6 pending and 7 unknown mean the outcome is unknown. */
export const ClosePositionErrorCode = { Pending: 6, Unknown: 7 } as const;
export const PartialCloseErrorCode = { InvalidSize: 5 } as const;
export const ValidateErrorCode = { ExpiredToken: 3 } as const;
export const LoginErrorCode = { AgreementsNotSigned: 7, NoApiSubscription: 9 } as const;
