import { errorMessage, errorNameAndMessage } from '../error-message';
import type { Journal } from '../journal/journal';
import type { Clock, Timers } from '../ports';
import { systemTimers } from '../ports';
import { waitOrAbort } from '../resilience/abortable-sleep';
import { isGatewayError } from '../resilience/errors';
import { Lane } from '../resilience/lanes';
import type { DurableStore } from '../storage/durable-store';
import type { ActionOutcome, CallContext, GatewayApi, OrderActions } from './api';
import { customTagFor } from './custom-tag';
import { createFillTracker, type FillStatus } from './fill-tracker';
import { accountOf, lockKeyOf } from './intent-keys';
import { createIntentStore, type IntentAction, type IntentRecord, type StoredOutcome } from './intent-store';
import { createKeyedLock } from './keyed-lock';
import { STEPS, type StepContext } from './order-steps';
import { createPlacementVerifier } from './placement-verifier';
import type { Order } from './schemas';
import { createSendNow } from './send-now';

/**
 * The order manager: the only path for mutations (OrderActions). Each action is an intent
 * written to the DurableStore before its first request and resolved exactly once:
 *
 *   new ─▶ pending ─▶ round 1 ─┬─ resolved (done | noop | failed) ──────────────▶ journal
 *                    ▲        └─ again (ambiguous / refused) ─ backoff ─┐
 *                    └──────────── round n ≤ maxAttempts ◀───────────────┘
 *          after maxAttempts: one last re-read, no request:
 *            state known → resolved failed (retryable)   read failed → stays pending
 *
 * Rounds re-read before they act (order-steps.ts): a tag lookup before any re-send of a
 * place, open positions before any close, the order before a cancel/modify retry. An intent
 * that stays pending is picked up by `resumePending()` (a restarted worker) and by a repeat
 * call with the same `intentKey`; it never produces a second order, because its customTag
 * is derived from the intent id.
 *
 * An abort by the caller resolves the intent as failed (retryable) without any further
 * request: a restart must not carry out an action its caller called off. If the aborted
 * request had already landed, the account state shows it.
 *
 * A place answered with an order id is read back AFTER its outcome is returned (order-
 * verify.ts), so the enforcer's protective stop never waits on it: the stored outcome gets
 * `verified` and the order's status; an order that cannot be found (or read) within the
 * bounded retry is never placed again (that could duplicate it) but is flagged
 * `verified: false` and journaled as an error for the trader.
 */
export interface OrderManagerOptions {
  api: GatewayApi;
  store: DurableStore;
  journal?: Journal;
  clock: Clock;
  newId: () => string;
  timers?: Timers;
  /** Requests per action at most (default 4). */
  maxAttempts?: number;
  /** Wait before round `n + 1` (default 250 ms × 2^(n−1), at most 4 s). */
  backoffMs?: (round: number) => number;
  /** How far back tag/id lookups search `Order/search` from the intent's creation (default 24 h). */
  lookbackMs?: number;
  /** Waits before each read-back of a placed order; its length bounds the reads (default 250, 750, 2000 ms; [] = off). */
  verifyDelaysMs?: readonly number[];
  /** The read-back's `Order/search` window starts this long before the intent (default 5 min). */
  verifyWindowMs?: number;
  /**
   * The client the read-back uses (default `api`). The guard passes its routine client, so
   * failed verification reads can never trip the enforcement client's breakers.
   */
  verifyApi?: GatewayApi;
}

export type PlaceOutcome = { status: 'done'; orderId: number } | Exclude<ActionOutcome, { status: 'done' }>;

export interface OrderManager extends OrderActions {
  /** Feed every order update (hub or reconciliation) for partial-fill tracking. */
  handleOrderUpdate(order: Order): FillStatus;
  fillStatus(orderId: number): FillStatus | undefined;
  /** Orders the fill tracker holds now (bounded: fill-tracker.ts). */
  trackedOrders(): number;
  /**
   * Drive every pending intent in the store to resolution (once each), then restart the
   * read-back of any placed order whose check a stopped worker cut short.
   */
  resumePending(): Promise<Array<{ intentId: string; outcome: StoredOutcome }>>;
  /** Delete resolved intents last touched more than `maxAgeMs` ago (default 7 days); returns how many. */
  pruneResolved(maxAgeMs?: number): Promise<number>;
  /** Resolves when every read-back of a placed order started so far has been recorded. */
  verificationsSettled(): Promise<void>;
}

export function createOrderManager(options: OrderManagerOptions): OrderManager {
  const { api, clock, journal } = options;
  const intents = createIntentStore(options.store);
  const timers = options.timers ?? systemTimers;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const backoffMs = options.backoffMs ?? ((round: number) => Math.min(4000, 250 * 2 ** (round - 1)));
  const lookbackMs = options.lookbackMs ?? 24 * 60 * 60 * 1000;
  const fills = createFillTracker({ now: () => clock.now() });
  const inFlight = new Map<string, Promise<StoredOutcome>>();
  const lock = createKeyedLock();

  const sleep = (ms: number, signal: AbortSignal | undefined) => waitOrAbort(timers, ms, signal);

  const verifier = createPlacementVerifier({
    api: options.verifyApi ?? api,
    intents,
    clock,
    ...(journal ? { journal } : {}),
    delaysMs: options.verifyDelaysMs ?? [250, 750, 2000],
    windowMs: options.verifyWindowMs ?? 5 * 60 * 1000,
    sleep: (ms) => sleep(ms, undefined),
  });

  /**
   * The record is what lets a restarted worker resume the action; a store that refuses the
   * write (a full disk) costs that, never the action. The in-memory record carries on, and the
   * guard's storage health shows the failure (the store is watched where the guard wires it).
   */
  async function saveOrCarryOn(record: IntentRecord): Promise<void> {
    try {
      await intents.save(record);
    } catch {
      // Carried on in memory: see above.
    }
  }

  async function resolve(record: IntentRecord, outcome: StoredOutcome): Promise<StoredOutcome> {
    record.state = 'resolved';
    record.outcome = outcome;
    record.updatedAt = clock.now();
    await saveOrCarryOn(record);
    const accountId = accountOf(record.action);
    const detail = 'detail' in outcome && outcome.detail ? `: ${outcome.detail}` : '';
    const error = outcome.status === 'failed' ? `: ${outcome.error}` : '';
    try {
      await journal?.append({
        at: record.updatedAt,
        kind: 'action',
        accountId,
        message: `${record.action.kind} ${outcome.status}${detail}${error}`,
        data: { intentId: record.id, action: record.action.kind, attempts: record.attempts, outcome },
      });
    } catch {
      // The journal is a record, not a gate: a failed append must not turn a done action into an error.
    }
    return outcome;
  }

  async function drive(record: IntentRecord, signal: AbortSignal | undefined): Promise<StoredOutcome> {
    const step = STEPS[record.action.kind];
    const actCtx: CallContext = { lane: record.lane, ...(signal ? { signal } : {}) };
    const readLane = record.lane === Lane.Enforcement ? Lane.Enforcement : Lane.Reconciliation;
    const readCtx: CallContext = { lane: readLane, ...(signal ? { signal } : {}) };
    const ctx: StepContext = {
      api,
      record,
      actCtx,
      readCtx,
      sinceMs: record.createdAt - lookbackMs,
      refused: null,
      async markSending() {
        record.attempts += 1;
        record.updatedAt = clock.now();
        // A place must not go out unrecorded (see `start`); a failed save here is an
        // ambiguous round for it, and the next round looks its tag up before anything else.
        if (record.action.kind === 'place') await intents.save(record);
        else await saveOrCarryOn(record);
      },
    };
    let lastReason = 'no answer';
    for (let round = 1; round <= maxAttempts + 1; round++) {
      if (round > 1) await sleep(backoffMs(round - 1), signal);
      if (signal?.aborted) return resolve(record, abortedOutcome());
      const mayAct = round <= maxAttempts;
      try {
        const result = await step(ctx, mayAct);
        if (result.type === 'resolved') {
          const outcome = await resolve(record, result.outcome);
          verifier.schedule(record);
          return outcome;
        }
        if (result.type === 'blocked') {
          return resolve(record, {
            status: 'failed',
            error: `gave up after ${record.attempts} attempts (${lastReason}); ${result.reason}`,
            retryable: true,
          });
        }
        lastReason = result.reason;
        ctx.refused = result.refused ? result.reason : null;
      } catch (error) {
        if (signal?.aborted || (isGatewayError(error) && error.kind === 'aborted')) {
          return resolve(record, abortedOutcome());
        }
        // A failed re-read: the state is still unknown; the next round reads again.
        lastReason = errorMessage(error);
      }
    }
    // Even the last re-read failed: keep the intent pending for resumePending / a repeat call.
    return {
      status: 'failed',
      error: `outcome unknown after ${record.attempts} attempts (${lastReason}); intent ${record.id} stays pending`,
      retryable: true,
    };
  }

  /** Run (or join) the intent's drive; a resolved intent returns its stored outcome. */
  function run(record: IntentRecord, signal: AbortSignal | undefined): Promise<StoredOutcome> {
    const running = inFlight.get(record.id);
    if (running) return running;
    const key = lockKeyOf(record.action);
    const driven = key === undefined ? drive(record, signal) : lock.run(key, () => drive(record, signal));
    const promise = driven.finally(() => inFlight.delete(record.id));
    inFlight.set(record.id, promise);
    return promise;
  }

  async function start(id: string, action: IntentAction, ctx: CallContext | undefined): Promise<StoredOutcome> {
    const running = inFlight.get(id);
    if (running) return running;
    const existing = await intents.get(id);
    if (existing?.state === 'resolved' && existing.outcome) return existing.outcome;
    const now = clock.now();
    const record: IntentRecord = existing ?? {
      id,
      action,
      lane: ctx?.lane ?? Lane.Routine,
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      state: 'pending',
    };
    if (!existing) {
      try {
        await intents.save(record);
      } catch (error) {
        // Without its record a restarted worker could not prove an earlier request left no
        // order behind, so a place is not sent; the other actions cannot duplicate anything.
        if (action.kind === 'place') {
          return {
            status: 'failed',
            error: `cannot record the order intent: ${errorNameAndMessage(error)}`,
            retryable: true,
          };
        }
      }
    }
    return run(record, ctx?.signal);
  }

  function invalid(error: string): { status: 'failed'; error: string; retryable: false } {
    return { status: 'failed', error, retryable: false };
  }

  return {
    async placeOrder(request, ctx) {
      const id = ctx?.intentKey === undefined ? options.newId() : `k-${ctx.intentKey}`;
      const outcome = await start(id, { kind: 'place', request: { ...request }, customTag: customTagFor(id) }, ctx);
      if (outcome.status === 'done') {
        if (outcome.orderId === undefined) return invalid(`intent ${id} resolved without an order id`);
        return { status: 'done', orderId: outcome.orderId };
      }
      return outcome;
    },
    cancelOrder: (accountId, orderId, ctx) =>
      start(options.newId(), { kind: 'cancel', accountId, orderId }, ctx).then(toAction),
    modifyOrder: (request, ctx) =>
      start(options.newId(), { kind: 'modify', request: { ...request } }, ctx).then(toAction),
    closePosition: (accountId, contractId, ctx) =>
      start(options.newId(), { kind: 'close', accountId, contractId }, ctx).then(toAction),
    async reducePosition(accountId, contractId, size, ctx) {
      if (!Number.isInteger(size) || size <= 0) return invalid(`reduce size must be a positive integer, got ${size}`);
      return toAction(await start(options.newId(), { kind: 'reduce', accountId, contractId, size }, ctx));
    },
    sendNow: createSendNow(api, lock),
    handleOrderUpdate: (order) => fills.update(order),
    fillStatus: (orderId) => fills.status(orderId),
    trackedOrders: () => fills.size(),
    async resumePending() {
      const pending = await intents.pending();
      const results: Array<{ intentId: string; outcome: StoredOutcome }> = [];
      // One at a time, oldest first: a restarted worker must not burst the account's rate budget.
      for (const record of pending) results.push({ intentId: record.id, outcome: await run(record, undefined) });
      // Places resolved above were scheduled by drive(); these were resolved by a worker that
      // stopped before its read-back recorded anything.
      for (const record of await intents.unverifiedPlacements()) verifier.schedule(record);
      return results;
    },
    verificationsSettled: () => verifier.settled(),
    pruneResolved: (maxAgeMs = 7 * 24 * 60 * 60 * 1000) => intents.pruneResolved(clock.now() - maxAgeMs),
  };
}

function abortedOutcome(): StoredOutcome {
  return {
    status: 'failed',
    error: 'aborted by the caller (a request already sent may still have landed)',
    retryable: true,
  };
}

function toAction(outcome: StoredOutcome): ActionOutcome {
  if (outcome.status === 'done')
    return outcome.detail === undefined ? { status: 'done' } : { status: 'done', detail: outcome.detail };
  return outcome;
}
