import type { IntentAction } from './intent-store';

// What an intent's action is about: its account, and the key that serializes it with its kin
// (split out of order-manager.ts, which keeps the intent lifecycle).

/** Actions on the same position, or the same order, run one after the other. Places need no lock. */
export function lockKeyOf(action: IntentAction): string | undefined {
  switch (action.kind) {
    case 'close':
    case 'reduce':
      return `position:${action.accountId}:${action.contractId}`;
    case 'cancel':
      return `order:${action.accountId}:${action.orderId}`;
    case 'modify':
      return `order:${action.request.accountId}:${action.request.orderId}`;
    case 'place':
      return undefined;
  }
}

export function accountOf(action: IntentAction): number {
  switch (action.kind) {
    case 'place':
      return action.request.accountId;
    case 'modify':
      return action.request.accountId;
    default:
      return action.accountId;
  }
}
