import type { ActionOutcome, OrderActions } from '../gateway/api';
import { OrderType } from '../gateway/enums';
import { Lane } from '../resilience/lanes';
import type { PlanStep } from './plan';
import { errorText } from './read-account';

/**
 * Carries out one planned step through the order manager (the only path for mutations) on
 * the enforcement lane. A throw means the outcome is UNKNOWN: the step is not repeated here;
 * the next round re-reads the account and plans again from what is really there.
 */
export type PlanStepResult = ActionOutcome | { status: 'unknown'; error: string };

/** The part of a stop placement's intent key that names WHAT is placed (see the enforcer for the rest). */
export function stopIntentBase(accountId: number, step: Extract<PlanStep, { type: 'place-stop' }>): string {
  return `protect-stop:${accountId}:${step.contractId}:${step.positionId}:${step.stopPrice}:${step.size}`;
}

export async function executeStep(
  actions: OrderActions,
  accountId: number,
  step: PlanStep,
  intentKey?: string,
): Promise<PlanStepResult> {
  const ctx = { lane: Lane.Enforcement };
  try {
    switch (step.type) {
      case 'cancel':
        return await actions.cancelOrder(accountId, step.orderId, ctx);
      case 'resize-order':
        return await actions.modifyOrder({ accountId, orderId: step.orderId, size: step.size }, ctx);
      case 'close':
        return await actions.closePosition(accountId, step.contractId, ctx);
      case 'reduce':
        return await actions.reducePosition(accountId, step.contractId, step.by, ctx);
      case 'tighten-stop':
        return await actions.modifyOrder(
          { accountId, orderId: step.orderId, stopPrice: step.stopPrice, size: step.size },
          ctx,
        );
      case 'place-stop': {
        const r = await actions.placeOrder(
          {
            accountId,
            contractId: step.contractId,
            type: OrderType.Stop,
            side: step.side,
            size: step.size,
            stopPrice: step.stopPrice,
          },
          intentKey === undefined ? ctx : { ...ctx, intentKey },
        );
        return r.status === 'done' ? { status: 'done', detail: `order ${r.orderId}` } : r;
      }
    }
  } catch (error) {
    return { status: 'unknown', error: errorText(error) };
  }
}

export function describeStep(step: PlanStep): string {
  switch (step.type) {
    case 'cancel':
      return `cancel order ${step.orderId} (${step.contractId}, ${step.why})`;
    case 'resize-order':
      return `resize order ${step.orderId} to ${step.size} (${step.why})`;
    case 'close':
      return `close ${step.openSize} ${step.contractId} (${step.why})`;
    case 'reduce':
      return `reduce ${step.contractId} by ${step.by} of ${step.openSize} (${step.why})`;
    case 'place-stop':
      return `place ${step.side === 1 ? 'sell' : 'buy'} stop ${step.size} ${step.contractId} at ${step.stopPrice}`;
    case 'tighten-stop':
      return `move stop ${step.orderId} on ${step.contractId} from ${step.fromPrice} to ${step.stopPrice}`;
  }
}
