import type { Lane } from '../resilience/lanes';
import type { DurableStore } from '../storage/durable-store';
import type { ModifyOrderRequest, PlaceOrderRequest } from './api';

/**
 * Order intents in the DurableStore ('intents', strict durability): written BEFORE the
 * request they stand for, so a worker that dies mid-request leaves a trace a restarted one
 * resumes (order-manager `resumePending`). Lifecycle:
 *
 *   pending ──(request sent; attempts += 1)──▶ pending ──(outcome known)──▶ resolved
 *
 * A resolved intent keeps its outcome: asking for the same intent again returns it and
 * sends nothing.
 */
export type IntentAction =
  | { kind: 'place'; request: Omit<PlaceOrderRequest, 'customTag'>; customTag: string }
  | { kind: 'cancel'; accountId: number; orderId: number }
  | { kind: 'modify'; request: ModifyOrderRequest }
  | { kind: 'close'; accountId: number; contractId: string }
  | {
      kind: 'reduce';
      accountId: number;
      contractId: string;
      size: number;
      /** Fixed at the first read: the |size| the position must come down to, and its side. */
      target?: { remaining: number; positionType: number };
    };

export type StoredOutcome =
  | {
      status: 'done';
      detail?: string;
      orderId?: number;
      /** Place only: the order was read back after placement (order-verify.ts); absent until checked. */
      verified?: boolean;
      /** Place only: the order's status at the read-back. */
      orderStatus?: number;
      /** Place only: why the read-back did not verify the order. */
      verifyNote?: string;
    }
  | { status: 'noop'; detail: string }
  | { status: 'failed'; error: string; retryable: boolean };

export interface IntentRecord {
  id: string;
  action: IntentAction;
  lane: Lane;
  createdAt: number;
  updatedAt: number;
  /** Requests sent (or possibly sent) so far; > 0 means "look before you send again". */
  attempts: number;
  state: 'pending' | 'resolved';
  outcome?: StoredOutcome;
}

export interface IntentStore {
  get(id: string): Promise<IntentRecord | undefined>;
  save(record: IntentRecord): Promise<void>;
  pending(): Promise<IntentRecord[]>;
  /**
   * Places resolved done with an order id whose read-back never recorded a result (the
   * worker stopped mid-check), oldest first.
   */
  unverifiedPlacements(): Promise<IntentRecord[]>;
  /** Delete resolved intents last updated before `before` (epoch ms); pending ones are never touched. */
  pruneResolved(before: number): Promise<number>;
}

export function createIntentStore(store: DurableStore): IntentStore {
  return {
    get: (id) => store.get<IntentRecord>('intents', id),
    save: (record) => store.put('intents', record.id, record, { durability: 'strict' }),
    async pending() {
      const all = await store.getAll<IntentRecord>('intents');
      return all
        .map((row) => row.value)
        .filter((r) => r.state === 'pending')
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    async unverifiedPlacements() {
      const all = await store.getAll<IntentRecord>('intents');
      return all
        .map((row) => row.value)
        .filter(
          (r) =>
            r.state === 'resolved' &&
            r.action.kind === 'place' &&
            r.outcome?.status === 'done' &&
            r.outcome.orderId !== undefined &&
            r.outcome.verified === undefined,
        )
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    async pruneResolved(before) {
      const all = await store.getAll<IntentRecord>('intents');
      const stale = all.filter((row) => row.value.state === 'resolved' && row.value.updatedAt < before);
      for (const row of stale) await store.delete('intents', row.key);
      return stale.length;
    },
  };
}
