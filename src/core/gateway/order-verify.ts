import { errorMessage } from '../error-message';
import { isGatewayError } from '../resilience/errors';
import { Lane } from '../resilience/lanes';
import type { CallContext } from './api';
import type { OrderReadsApi } from './order-reads';
import type { Order } from './schemas';

/**
 * Read-back of a freshly placed order: after `Order/place` answered with an id, the order
 * must show up in the gateway's own order lists: an id alone proves nothing. The REST client has
 * no `Order/searchById`, so each read is `Order/searchOpen` (cheap, covers working orders)
 * and, when the id is not there, `Order/search` over a short window from the placement
 * (covers an order that filled or was cancelled already). Reads run in the reconciliation
 * lane, never the enforcement lane: they must not take the enforcer's budget.
 *
 *   wait delay[0] ─▶ read ─┬─ found (id, and our tag if the gateway echoes one) ─▶ verified
 *                          ├─ found with a different tag ────────────────────────▶ mismatch
 *                          └─ absent / read failed ─ wait delay[n] ─▶ read ... ─▶ missing | unreadable
 *
 * The verifier never places anything: a missing order is reported, not re-sent, because a
 * re-send would risk a duplicate position if the first order does exist after all.
 */
export type VerifyResult =
  | { verified: true; order: Order; reads: number }
  | { verified: false; reason: 'missing' | 'unreadable' | 'tag-mismatch'; reads: number; detail: string };

export interface VerifyRequest {
  accountId: number;
  orderId: number;
  customTag: string;
  /** Epoch ms the placement was decided; the `Order/search` window starts `windowMs` before it. */
  placedAt: number;
}

export interface VerifyOptions {
  api: OrderReadsApi;
  /** Wait before each read; its length bounds the reads. */
  delaysMs: readonly number[];
  /** How far before `placedAt` the `Order/search` window starts (clock skew, slow intent write). */
  windowMs: number;
  sleep(ms: number): Promise<void>;
}

export async function verifyPlacedOrder(request: VerifyRequest, options: VerifyOptions): Promise<VerifyResult> {
  const ctx: CallContext = { lane: Lane.Reconciliation };
  let reads = 0;
  let lastError: string | null = null;
  for (const delay of options.delaysMs) {
    await options.sleep(delay);
    reads += 1;
    try {
      const order = await readOrder(options, request, ctx);
      lastError = null;
      if (!order) continue;
      // Older gateway builds do not echo customTag; only a different non-empty tag is a mismatch.
      if (typeof order.customTag === 'string' && order.customTag !== '' && order.customTag !== request.customTag) {
        return {
          verified: false,
          reason: 'tag-mismatch',
          reads,
          detail: `order ${request.orderId} carries tag ${order.customTag}, expected ${request.customTag}`,
        };
      }
      return { verified: true, order, reads };
    } catch (error) {
      if (isGatewayError(error) && error.kind === 'aborted') throw error;
      lastError = errorMessage(error);
    }
  }
  if (lastError !== null) {
    return { verified: false, reason: 'unreadable', reads, detail: `the last read failed (${lastError})` };
  }
  return { verified: false, reason: 'missing', reads, detail: `not in the open or recent orders after ${reads} reads` };
}

async function readOrder(options: VerifyOptions, request: VerifyRequest, ctx: CallContext): Promise<Order | undefined> {
  const { api } = options;
  const open = await api.searchOpenOrders({ accountId: request.accountId }, ctx);
  const openHit = open.find((o) => o.id === request.orderId);
  if (openHit) return openHit;
  const startTimestamp = new Date(request.placedAt - options.windowMs).toISOString();
  const recent = await api.searchOrders({ accountId: request.accountId, startTimestamp }, ctx);
  return recent.find((o) => o.id === request.orderId);
}
