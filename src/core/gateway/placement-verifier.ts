import { errorMessage } from '../error-message';
import type { Journal } from '../journal/journal';
import type { Clock } from '../ports';
import { OrderStatus } from './enums';
import type { IntentRecord, IntentStore } from './intent-store';
import type { OrderReadsApi } from './order-reads';
import { type VerifyResult, verifyPlacedOrder } from './order-verify';

/**
 * Runs the read-back of each freshly placed order (order-verify.ts) detached from the
 * caller, and records what it found on the resolved intent:
 *
 *   place done (id from the API) ─▶ schedule ─▶ verifyPlacedOrder ─┬─ found ─▶ outcome.verified = true, orderStatus
 *                                                                 └─ not ───▶ outcome.verified = false, verifyNote
 *                                                                              + journal 'error' (never re-placed)
 *
 * Detached so the enforcer's protective stop gets its answer as soon as `Order/place`
 * answers. An order found already rejected is also journaled. A place resolved by a tag
 * lookup is not scheduled: that read was its verification. An intent is checked by one
 * read-back at a time; a restarted worker schedules again the ones a stop cut short.
 */
export interface PlacementVerifierOptions {
  api: OrderReadsApi;
  intents: IntentStore;
  journal?: Journal;
  clock: Clock;
  /** Waits before each read; its length bounds the reads ([] turns verification off). */
  delaysMs: readonly number[];
  windowMs: number;
  sleep(ms: number): Promise<void>;
}

export interface PlacementVerifier {
  /** Start the read-back if `record` is a place resolved done with an unverified order id. */
  schedule(record: IntentRecord): void;
  /** Resolves when every read-back started so far has been recorded. */
  settled(): Promise<void>;
}

export function createPlacementVerifier(options: PlacementVerifierOptions): PlacementVerifier {
  const { clock, journal, intents } = options;
  const running = new Set<Promise<void>>();
  /** Intent ids whose read-back is under way: a restart's re-schedule must not start a second one. */
  const checking = new Set<string>();

  async function record(intent: IntentRecord, orderId: number, result: VerifyResult): Promise<void> {
    const outcome = intent.outcome;
    if (outcome?.status !== 'done') return;
    intent.outcome = result.verified
      ? { ...outcome, verified: true, orderStatus: result.order.status }
      : { ...outcome, verified: false, verifyNote: result.detail };
    intent.updatedAt = clock.now();
    let saveError = '';
    try {
      await intents.save(intent);
    } catch (error) {
      saveError = ` (the intent store did not take the result: ${errorMessage(error)})`;
    }
    const rejected = result.verified && result.order.status === OrderStatus.Rejected;
    if (result.verified && !rejected && saveError === '') return;
    const message = result.verified
      ? `placed order ${orderId} shows as rejected at the read-back${saveError}`
      : `placed order ${orderId} could not be verified (${result.reason}: ${result.detail}); ` +
        `not placed again to avoid a duplicate, check it on the platform${saveError}`;
    try {
      await journal?.append({
        at: intent.updatedAt,
        kind: 'error',
        accountId: intent.action.kind === 'place' ? intent.action.request.accountId : null,
        message,
        data: {
          intentId: intent.id,
          action: 'place',
          orderId,
          verification: result.verified ? 'rejected' : result.reason,
          reads: result.reads,
        },
      });
    } catch {
      // The journal is a record, not a gate (as in the order manager's resolve).
    }
  }

  return {
    schedule(intent) {
      const { action, outcome } = intent;
      if (action.kind !== 'place' || outcome?.status !== 'done') return;
      if (outcome.orderId === undefined || outcome.verified !== undefined || options.delaysMs.length === 0) return;
      if (checking.has(intent.id)) return;
      checking.add(intent.id);
      const orderId = outcome.orderId;
      const request = {
        accountId: action.request.accountId,
        orderId,
        customTag: action.customTag,
        placedAt: intent.createdAt,
      };
      const task = verifyPlacedOrder(request, options)
        .catch((error): VerifyResult => {
          const detail = errorMessage(error);
          return { verified: false, reason: 'unreadable', reads: 0, detail };
        })
        .then((result) => record(intent, orderId, result));
      running.add(task);
      void task.finally(() => {
        running.delete(task);
        checking.delete(intent.id);
      });
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
