import { z } from 'zod';

/**
 * One zod schema per API shape (docs/gateway.md, "Shapes"). Objects are loose: unknown
 * extra fields are tolerated (the real service adds fields), wrong types are rejected with
 * the path. Timestamps stay ISO strings as sent; numbers stay numbers.
 */

const isoTimestamp = z.string().min(1);
const nullableNumber = z.number().nullable().optional();

export const AccountSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  balance: z.number(),
  canTrade: z.boolean(),
  isVisible: z.boolean(),
  simulated: z.boolean().optional(),
});
export type Account = z.infer<typeof AccountSchema>;

export const ContractSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  tickSize: z.number().positive(),
  tickValue: z.number().positive(),
  activeContract: z.boolean(),
  symbolId: z.string().optional(),
});
export type Contract = z.infer<typeof ContractSchema>;

export const OrderSchema = z.looseObject({
  id: z.number().int(),
  accountId: z.number().int(),
  contractId: z.string(),
  symbolId: z.string().nullable().optional(),
  creationTimestamp: isoTimestamp,
  updateTimestamp: isoTimestamp.nullable().optional(),
  status: z.number().int(),
  type: z.number().int(),
  side: z.number().int(),
  size: z.number().int(),
  limitPrice: nullableNumber,
  stopPrice: nullableNumber,
  trailPrice: nullableNumber,
  fillVolume: z.number().int().nullable().optional(),
  filledPrice: nullableNumber,
  customTag: z.string().nullable().optional(),
});
export type Order = z.infer<typeof OrderSchema>;

export const PositionSchema = z.looseObject({
  id: z.number().int(),
  accountId: z.number().int(),
  contractId: z.string(),
  creationTimestamp: isoTimestamp,
  type: z.number().int(),
  size: z.number().int(),
  averagePrice: z.number(),
});
export type Position = z.infer<typeof PositionSchema>;

export const TradeSchema = z.looseObject({
  id: z.number().int(),
  accountId: z.number().int(),
  contractId: z.string(),
  creationTimestamp: isoTimestamp,
  price: z.number(),
  profitAndLoss: z.number().nullable().optional(),
  fees: z.number().nullable().optional(),
  /** Live trades carry it beside `fees` (undocumented); whether `fees` includes it is not known. */
  commissions: z.number().nullable().optional(),
  side: z.number().int(),
  size: z.number().int(),
  voided: z.boolean().optional(),
  orderId: z.number().int(),
});
export type Trade = z.infer<typeof TradeSchema>;

export const QuoteSchema = z.looseObject({
  symbol: z.string().optional(),
  symbolName: z.string().optional(),
  lastPrice: z.number().nullable().optional(),
  bestBid: z.number().nullable().optional(),
  bestAsk: z.number().nullable().optional(),
  change: z.number().nullable().optional(),
  changePercent: z.number().nullable().optional(),
  open: z.number().nullable().optional(),
  high: z.number().nullable().optional(),
  low: z.number().nullable().optional(),
  volume: z.number().nullable().optional(),
  lastUpdated: z.string().nullable().optional(),
  timestamp: z.string().nullable().optional(),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const BarSchema = z.looseObject({
  t: z.string(),
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number(),
});
export type Bar = z.infer<typeof BarSchema>;

/** The envelope every REST answer carries. */
export const EnvelopeSchema = z.looseObject({
  success: z.boolean(),
  errorCode: z.number().int(),
  errorMessage: z.string().nullable().optional(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;
