import type { OrderEntryState } from './overlay-model';

/**
 * Recognising the TopstepX page's order entry (the overlay reports it to the worker for guard
 * health): the states, the events and the one transition table. The overlay changes its
 * recognition only through `nextOrderEntryState`; an event not listed is ignored.
 *
 *   waiting ──found (an order-entry area)──▶ recognised ──lost (none any more)──▶ waiting
 *      └──grace-over (none for `recogniseGraceMs`)──▶ missing ──found again──▶ recognised
 */
export type { OrderEntryState };

export const ORDER_ENTRY_STATES: readonly OrderEntryState[] = ['waiting', 'recognised', 'missing'];

export type OrderEntryEvent = 'found' | 'lost' | 'grace-over';

export const ORDER_ENTRY_EVENTS: readonly OrderEntryEvent[] = ['found', 'lost', 'grace-over'];

/** The whole machine: anything not listed is ignored. */
export const ORDER_ENTRY_TRANSITIONS: Readonly<
  Record<OrderEntryState, Partial<Record<OrderEntryEvent, OrderEntryState>>>
> = {
  waiting: { found: 'recognised', 'grace-over': 'missing' },
  recognised: { lost: 'waiting' },
  missing: { found: 'recognised' },
};

export function nextOrderEntryState(state: OrderEntryState, event: OrderEntryEvent): OrderEntryState | null {
  return ORDER_ENTRY_TRANSITIONS[state][event] ?? null;
}

/**
 * What one look at the page means: an area found; none, after waiting the whole grace (the
 * grace runs only while waiting, since `sinceMs`); or none.
 */
export function orderEntryEvent(
  look: { present: boolean; state: OrderEntryState; sinceMs: number },
  graceMs: number,
): OrderEntryEvent {
  if (look.present) return 'found';
  return look.state === 'waiting' && look.sinceMs >= graceMs ? 'grace-over' : 'lost';
}
