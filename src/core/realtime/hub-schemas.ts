import { z } from 'zod';

/**
 * Market-hub payload shapes that are not REST shapes (REST's live in gateway/schemas.ts).
 * Loose like the others: extra fields tolerated, wrong types rejected with their path.
 */

/** One entry of `GatewayTrade(contractId, trades[])`: a trade printed on the exchange. */
export const MarketTradeSchema = z.looseObject({
  symbolId: z.string().optional(),
  price: z.number(),
  timestamp: z.string().nullable().optional(),
  type: z.number().int().optional(),
  volume: z.number().optional(),
});
export type MarketTrade = z.infer<typeof MarketTradeSchema>;

/** One entry of `GatewayDepth(contractId, entries[])`: a change to one price level. */
export const DepthEntrySchema = z.looseObject({
  timestamp: z.string().nullable().optional(),
  type: z.number().int(),
  price: z.number(),
  volume: z.number(),
  currentVolume: z.number().optional(),
});
export type DepthEntry = z.infer<typeof DepthEntrySchema>;

/** The wrapped form some clients have seen: `{ action, data }`. */
export const WrappedPayloadSchema = z.looseObject({
  action: z.union([z.number(), z.string()]),
  data: z.unknown(),
});
