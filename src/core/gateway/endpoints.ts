import { z } from 'zod';
import { AccountSchema, BarSchema, ContractSchema, OrderSchema, PositionSchema, TradeSchema } from './schemas';

/**
 * One entry per REST endpoint: its path, the schema of the body we send, the schema of the
 * payload we accept (the envelope `{success, errorCode, errorMessage}` is checked separately)
 * and whether it is idempotent (a read: the executor may retry it; a mutation: never blindly).
 *
 * Request schemas are strict about types but let unknown keys through untouched (callers
 * pass typed objects; this guards against NaN, negative sizes, empty ids reaching the wire).
 * The bodies the guard builds field by field (place, modify, bars) are exported as plain
 * objects: their TypeScript types are inferred from them (api.ts), and the simulator parses
 * what it receives with the same schemas, so the three can never disagree.
 * Response payload schemas are loose objects: unknown extra fields are tolerated, wrong
 * types are rejected with their path (see rest-client.ts).
 */

const accountId = z.number().int().positive();
const contractId = z.string().min(1);
const orderId = z.number().int().positive();
const size = z.number().int().positive();
const price = z.number().finite().nullable().optional();
const isoTime = z.string().min(1);
const bracket = z.object({ ticks: z.number().int(), type: z.number().int() }).nullable().optional();

/** The body of Order/place. */
export const PlaceOrderBodySchema = z.object({
  accountId,
  contractId,
  type: z.number().int().min(0),
  side: z.union([z.literal(0), z.literal(1)]),
  size,
  limitPrice: price,
  stopPrice: price,
  trailPrice: price,
  customTag: z.string().min(1).max(64).nullable().optional(),
  stopLossBracket: bracket,
  takeProfitBracket: bracket,
});

/** The body of Order/modify: only the fields given change. */
export const ModifyOrderBodySchema = z.object({
  accountId,
  orderId,
  size: size.nullable().optional(),
  limitPrice: price,
  stopPrice: price,
  trailPrice: price,
});

/** The body of History/retrieveBars (`unit` 1 second … 6 month, at most 20 000 bars). */
export const RetrieveBarsBodySchema = z.object({
  contractId,
  live: z.boolean(),
  startTime: isoTime,
  endTime: isoTime,
  unit: z.number().int().min(1).max(6),
  unitNumber: z.number().int().positive(),
  limit: z.number().int().positive().max(20_000),
  includePartialBar: z.boolean(),
});

const rangeBody = z.looseObject({ accountId, startTimestamp: isoTime, endTimestamp: isoTime.optional() });
const accountBody = z.looseObject({ accountId });
const empty = z.looseObject({});

export interface EndpointSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  path: string;
  request: Req;
  response: Res;
  idempotent: boolean;
  /**
   * `success:false` codes that mean "the outcome is unknown" rather than "refused"
   * (docs/gateway.md, "Error codes": place 6 pending / 7 unknown; closeContract and
   * partialCloseContract 6 / 7). Mapped to `outcome-unknown`, not `permanent`.
   */
  unknownOutcomeCodes: ReadonlySet<number>;
}

function endpoint<Req extends z.ZodType, Res extends z.ZodType>(
  path: string,
  request: Req,
  response: Res,
  idempotent: boolean,
  unknownOutcomeCodes: readonly number[] = [],
): EndpointSpec<Req, Res> {
  return { path, request, response, idempotent, unknownOutcomeCodes: new Set(unknownOutcomeCodes) };
}

export const ENDPOINTS = {
  searchAccounts: endpoint(
    '/api/Account/search',
    z.looseObject({ onlyActiveAccounts: z.boolean() }),
    z.looseObject({ accounts: z.array(AccountSchema) }),
    true,
  ),
  searchContracts: endpoint(
    '/api/Contract/search',
    z.looseObject({ searchText: z.string(), live: z.boolean() }),
    z.looseObject({ contracts: z.array(ContractSchema) }),
    true,
  ),
  contractById: endpoint(
    '/api/Contract/searchById',
    z.looseObject({ contractId }),
    z.looseObject({ contract: ContractSchema }),
    true,
  ),
  availableContracts: endpoint(
    '/api/Contract/available',
    z.looseObject({ live: z.boolean() }),
    z.looseObject({ contracts: z.array(ContractSchema) }),
    true,
  ),
  retrieveBars: endpoint(
    '/api/History/retrieveBars',
    RetrieveBarsBodySchema.loose(),
    z.looseObject({ bars: z.array(BarSchema) }),
    true,
  ),
  searchOrders: endpoint('/api/Order/search', rangeBody, z.looseObject({ orders: z.array(OrderSchema) }), true),
  searchOpenOrders: endpoint(
    '/api/Order/searchOpen',
    accountBody,
    z.looseObject({ orders: z.array(OrderSchema) }),
    true,
  ),
  placeOrder: endpoint(
    '/api/Order/place',
    PlaceOrderBodySchema.loose(),
    z.looseObject({ orderId: z.number().int() }),
    false,
    [6, 7],
  ),
  cancelOrder: endpoint('/api/Order/cancel', z.looseObject({ accountId, orderId }), empty, false),
  modifyOrder: endpoint('/api/Order/modify', ModifyOrderBodySchema.loose(), empty, false),
  searchOpenPositions: endpoint(
    '/api/Position/searchOpen',
    accountBody,
    z.looseObject({ positions: z.array(PositionSchema) }),
    true,
  ),
  closePosition: endpoint(
    '/api/Position/closeContract',
    z.looseObject({ accountId, contractId }),
    empty,
    false,
    [6, 7],
  ),
  partialClosePosition: endpoint(
    '/api/Position/partialCloseContract',
    z.looseObject({ accountId, contractId, size }),
    empty,
    false,
    [6, 7],
  ),
  searchTrades: endpoint('/api/Trade/search', rangeBody, z.looseObject({ trades: z.array(TradeSchema) }), true),
} as const;

export type EndpointName = keyof typeof ENDPOINTS;

/** The cheap health probe; answers `pong` (as text or inside an envelope). */
export const PING_PATH = '/api/Status/ping';

export const AUTH_ENDPOINTS = {
  login: endpoint(
    '/api/Auth/loginKey',
    z.looseObject({ userName: z.string().min(1), apiKey: z.string().min(1) }),
    z.looseObject({ token: z.string().min(1) }),
    false,
  ),
  validate: endpoint('/api/Auth/validate', empty, z.looseObject({ newToken: z.string().min(1) }), true),
} as const;
