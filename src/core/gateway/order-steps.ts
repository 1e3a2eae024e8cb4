import { errorMessage } from '../error-message';
import { isGatewayError } from '../resilience/errors';
import type { CallContext, GatewayApi, ModifyOrderRequest } from './api';
import { OrderStatus } from './enums';
import type { IntentAction, IntentRecord, StoredOutcome } from './intent-store';
import { findOpenPosition, findOrderById, findOrderByTag } from './order-reads';
import type { Order } from './schemas';

/**
 * One round of each order action, as the order manager's driver runs it. A round first
 * re-reads the real state when an earlier request may have landed (or was refused), decides
 * from what it sees, and sends at most ONE request. Its result is:
 *
 *   resolved  the intent's outcome is known (done / noop / failed)
 *   again     a request failed ambiguously: next round re-reads before anything else
 *   blocked   (only when `mayAct` is false) the state is known and still needs a request
 *
 * Reads that fail throw; the driver counts that as an ambiguous round.
 */
export type OrderStepResult =
  | { type: 'resolved'; outcome: StoredOutcome }
  /** `refused`: the request was answered with a business error (the next round re-reads, then fails). */
  | { type: 'again'; reason: string; refused: boolean }
  | { type: 'blocked'; reason: string };

export interface StepContext {
  api: GatewayApi;
  record: IntentRecord;
  /** Persist `attempts + 1` (strict) before a request goes out. */
  markSending(): Promise<void>;
  /** The lane and signal for the action's own request and for its re-reads. */
  actCtx: CallContext;
  readCtx: CallContext;
  /** Earliest order creation time worth searching (tag / id lookups). */
  sinceMs: number;
  /** The previous round's request was refused with a business error (success:false). */
  refused: string | null;
}

export type Step = (ctx: StepContext, mayAct: boolean) => Promise<OrderStepResult>;

const STATUS_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(OrderStatus).map(([name, code]) => [code, name.toLowerCase()]),
);

const resolved = (outcome: StoredOutcome): OrderStepResult => ({ type: 'resolved', outcome });

/** Send one request; a business refusal and an ambiguous failure come back as values. */
async function send<T>(
  ctx: StepContext,
  request: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; refused: boolean; reason: string }> {
  await ctx.markSending();
  try {
    return { ok: true, value: await request() };
  } catch (error) {
    if (isGatewayError(error) && error.kind === 'aborted') throw error;
    const reason = errorMessage(error);
    return { ok: false, refused: isGatewayError(error) && error.kind === 'permanent', reason };
  }
}

function placedOutcome(order: Order): StoredOutcome {
  if (order.status === OrderStatus.Rejected) {
    return { status: 'failed', error: `order ${order.id} was rejected by the gateway`, retryable: false };
  }
  // Found by a read already: that read is the verification.
  return {
    status: 'done',
    orderId: order.id,
    detail: 'found by customTag after an ambiguous failure',
    verified: true,
    orderStatus: order.status,
  };
}

export const placeStep: Step = async (ctx, mayAct) => {
  const { action } = ctx.record;
  if (action.kind !== 'place') throw new Error('placeStep needs a place intent');
  // Never send twice without first proving the earlier request left no order behind.
  if (ctx.record.attempts > 0) {
    const found = await findOrderByTag(ctx.api, action.request.accountId, action.customTag, ctx.sinceMs, ctx.readCtx);
    if (found) return resolved(placedOutcome(found));
  }
  if (!mayAct) return { type: 'blocked', reason: 'no order with the tag exists' };
  const result = await send(ctx, () =>
    ctx.api.placeOrder({ ...action.request, customTag: action.customTag }, ctx.actCtx),
  );
  if (result.ok) return resolved({ status: 'done', orderId: result.value.orderId });
  if (result.refused) return resolved({ status: 'failed', error: result.reason, retryable: false });
  return { type: 'again', reason: result.reason, refused: false };
};

export const closeStep: Step = async (ctx, mayAct) => {
  const { action } = ctx.record;
  if (action.kind !== 'close') throw new Error('closeStep needs a close intent');
  const position = await findOpenPosition(ctx.api, action.accountId, action.contractId, ctx.readCtx);
  if (!position) {
    return resolved(
      ctx.record.attempts > 0 && ctx.refused === null
        ? { status: 'done', detail: 'flat' }
        : { status: 'noop', detail: 'already flat' },
    );
  }
  if (ctx.refused !== null) return resolved({ status: 'failed', error: ctx.refused, retryable: false });
  if (!mayAct) return { type: 'blocked', reason: `position still open (${Math.abs(position.size)})` };
  const result = await send(ctx, () =>
    ctx.api.closePosition({ accountId: action.accountId, contractId: action.contractId }, ctx.actCtx),
  );
  if (result.ok) return resolved({ status: 'done' });
  return { type: 'again', reason: result.reason, refused: result.refused };
};

export const reduceStep: Step = async (ctx, mayAct) => {
  const { action } = ctx.record;
  if (action.kind !== 'reduce') throw new Error('reduceStep needs a reduce intent');
  const position = await findOpenPosition(ctx.api, action.accountId, action.contractId, ctx.readCtx);
  const touched = ctx.record.attempts > 0 && ctx.refused === null;
  if (!action.target) {
    if (!position) return resolved({ status: 'noop', detail: 'already flat' });
    // Level, not edge: fix the size to come down to once, so retries and restarts aim at it.
    action.target = {
      remaining: Math.max(0, Math.abs(position.size) - action.size),
      positionType: position.type,
    };
  }
  const { target } = action;
  if (!position) return resolved(touched ? { status: 'done', detail: 'flat' } : { status: 'noop', detail: 'flat' });
  if (position.type !== target.positionType) {
    return resolved({ status: 'noop', detail: 'the position changed side since the intent; left alone' });
  }
  const open = Math.abs(position.size);
  if (open <= target.remaining) {
    return resolved(
      touched ? { status: 'done', detail: `open ${open}` } : { status: 'noop', detail: `already at ${open}` },
    );
  }
  if (ctx.refused !== null) return resolved({ status: 'failed', error: ctx.refused, retryable: false });
  if (!mayAct) return { type: 'blocked', reason: `open ${open}, target ${target.remaining}` };
  // Never more than is open: closing `open - remaining` of `open` cannot reverse the position.
  const toClose = open - target.remaining;
  const result = await send(ctx, () =>
    target.remaining === 0
      ? ctx.api.closePosition({ accountId: action.accountId, contractId: action.contractId }, ctx.actCtx)
      : ctx.api.partialClosePosition(
          { accountId: action.accountId, contractId: action.contractId, size: toClose },
          ctx.actCtx,
        ),
  );
  if (result.ok) return resolved({ status: 'done', detail: `closed ${toClose} of ${open}` });
  return { type: 'again', reason: result.reason, refused: result.refused };
};

export const cancelStep: Step = async (ctx, mayAct) => {
  const { action } = ctx.record;
  if (action.kind !== 'cancel') throw new Error('cancelStep needs a cancel intent');
  if (ctx.record.attempts > 0) {
    const { order, working } = await findOrderById(ctx.api, action.accountId, action.orderId, ctx.sinceMs, ctx.readCtx);
    // A cancellation the gateway is already carrying out counts as done: asking again adds nothing.
    const cancelling = order?.status === OrderStatus.PendingCancellation;
    if (!working || cancelling) {
      const state =
        order === undefined ? 'unknown to the gateway' : (STATUS_NAMES[order.status] ?? `status ${order.status}`);
      return resolved(
        ctx.refused === null
          ? { status: 'done', detail: `no longer working (${state})` }
          : { status: 'noop', detail: `already cancelled or filled (${state})` },
      );
    }
    if (ctx.refused !== null) return resolved({ status: 'failed', error: ctx.refused, retryable: false });
  }
  if (!mayAct) return { type: 'blocked', reason: 'order still working' };
  const result = await send(ctx, () =>
    ctx.api.cancelOrder({ accountId: action.accountId, orderId: action.orderId }, ctx.actCtx),
  );
  if (result.ok) return resolved({ status: 'done' });
  return { type: 'again', reason: result.reason, refused: result.refused };
};

function matches(request: ModifyOrderRequest, order: Order): boolean {
  const same = (want: number | null | undefined, have: number | null | undefined) =>
    want === undefined || want === null || want === have;
  return (
    same(request.size, order.size) &&
    same(request.limitPrice, order.limitPrice) &&
    same(request.stopPrice, order.stopPrice) &&
    same(request.trailPrice, order.trailPrice)
  );
}

export const modifyStep: Step = async (ctx, mayAct) => {
  const { action } = ctx.record;
  if (action.kind !== 'modify') throw new Error('modifyStep needs a modify intent');
  const { request } = action;
  if (ctx.record.attempts > 0) {
    const { order, working } = await findOrderById(
      ctx.api,
      request.accountId,
      request.orderId,
      ctx.sinceMs,
      ctx.readCtx,
    );
    if (!order || !working) return resolved({ status: 'noop', detail: 'order no longer working' });
    if (ctx.refused !== null) return resolved({ status: 'failed', error: ctx.refused, retryable: false });
    if (matches(request, order)) return resolved({ status: 'done', detail: 'order shows the requested values' });
  }
  if (!mayAct) return { type: 'blocked', reason: 'order does not show the requested values' };
  const result = await send(ctx, () => ctx.api.modifyOrder(request, ctx.actCtx));
  if (result.ok) return resolved({ status: 'done' });
  return { type: 'again', reason: result.reason, refused: result.refused };
};

/** The step that drives each kind of intent. */
export const STEPS: Readonly<Record<IntentAction['kind'], Step>> = {
  place: placeStep,
  cancel: cancelStep,
  modify: modifyStep,
  close: closeStep,
  reduce: reduceStep,
};
