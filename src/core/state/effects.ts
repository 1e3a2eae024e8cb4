/**
 * What a reducer step noticed, beyond the new state: the rules engine reacts to them, the
 * composition journals them (ignored and previous-day events are evidence of a missed or
 * replayed hub message), and `unknown-contract` asks the realtime layer to fetch the
 * contract's tick size/value and subscribe its quotes.
 */
export type IgnoredReason =
  /** The same fact again (same id, same content or same timestamp). */
  | 'duplicate'
  /** Older than what the state already holds (out-of-order delivery). */
  | 'stale'
  /** A trade of a trading day that has already ended: it counts for nothing today. */
  | 'previous-day';

export type StateEffect =
  | { kind: 'account-added'; accountId: number; placeholder: boolean }
  | { kind: 'account-changed'; accountId: number }
  | { kind: 'day-rolled'; accountId: number; from: string; to: string }
  | { kind: 'position-opened'; accountId: number; contractId: string; size: number }
  | { kind: 'position-changed'; accountId: number; contractId: string; size: number; previousSize: number }
  | { kind: 'position-reversed'; accountId: number; contractId: string; size: number; previousSize: number }
  | { kind: 'position-closed'; accountId: number; contractId: string; previousSize: number }
  | { kind: 'order-working'; accountId: number; orderId: number; status: number; isNew: boolean }
  | { kind: 'order-ended'; accountId: number; orderId: number; status: number }
  | { kind: 'trade-recorded'; accountId: number; tradeId: number; orderId: number }
  | { kind: 'trade-voided'; accountId: number; tradeId: number; orderId: number }
  | { kind: 'trade-corrected'; accountId: number; tradeId: number; orderId: number }
  | { kind: 'unknown-contract'; accountId: number; contractId: string }
  | {
      kind: 'ignored';
      reason: IgnoredReason;
      entity: 'account' | 'order' | 'position' | 'trade' | 'quote' | 'contract' | 'health';
      accountId: number | null;
      id: string | number;
    };

export type StateEffectKind = StateEffect['kind'];
