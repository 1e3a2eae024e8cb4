import { isGatewayError } from '../resilience/errors';
import type { ActionOutcome, CallContext, GatewayApi, ImmediateAction } from './api';
import { lockKeyOf } from './intent-keys';
import type { KeyedLock } from './keyed-lock';

/**
 * The order manager's one path without an intent: an action the enforcer sends the moment it
 * decides (enforce/fast-path.ts). One request, no record, no retry: the enforcer's own read
 * settles what an unknown outcome left behind. It takes the same per-position (per-order) lock
 * as the intents, so a close never lands in the middle of a reduction's read-then-send (the
 * reduction would then close what is left).
 */
export type SendNow = (accountId: number, action: ImmediateAction, ctx?: CallContext) => Promise<ActionOutcome>;

export function createSendNow(api: GatewayApi, lock: KeyedLock): SendNow {
  return (accountId, action, ctx) => {
    const key = lockKeyOf(
      action.kind === 'cancel'
        ? { kind: 'cancel', accountId, orderId: action.orderId }
        : { kind: 'close', accountId, contractId: action.contractId },
    );
    return lock.run(key ?? `${accountId}`, async (): Promise<ActionOutcome> => {
      try {
        if (action.kind === 'cancel') await api.cancelOrder({ accountId, orderId: action.orderId }, ctx);
        else if (action.kind === 'close') await api.closePosition({ accountId, contractId: action.contractId }, ctx);
        else await api.partialClosePosition({ accountId, contractId: action.contractId, size: action.size }, ctx);
        return { status: 'done' };
      } catch (error) {
        // A business refusal (nothing open, order no longer working, market closed) is an
        // answer; anything else leaves the outcome unknown, for the caller's read to settle.
        if (isGatewayError(error) && error.kind === 'permanent')
          return { status: 'failed', error: error.message, retryable: false };
        throw error;
      }
    });
  };
}
