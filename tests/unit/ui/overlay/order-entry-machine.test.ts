import { describe, expect, it } from 'vitest';
import {
  nextOrderEntryState,
  ORDER_ENTRY_EVENTS,
  ORDER_ENTRY_STATES,
  type OrderEntryEvent,
  type OrderEntryState,
  orderEntryEvent,
} from '../../../../src/ui/overlay/order-entry-machine';

/** Recognising the page's order entry: the table, and what one look at the page means. */

/** Every state against every event: where it goes, null where the machine ignores it. */
const TABLE: Array<[OrderEntryState, OrderEntryEvent, OrderEntryState | null]> = [
  ['waiting', 'found', 'recognised'],
  ['waiting', 'lost', null],
  ['waiting', 'grace-over', 'missing'],
  ['recognised', 'found', null],
  ['recognised', 'lost', 'waiting'],
  ['recognised', 'grace-over', null],
  ['missing', 'found', 'recognised'],
  ['missing', 'lost', null],
  ['missing', 'grace-over', null],
];

describe('order entry recognition machine', () => {
  it('lists every state against every event', () => {
    expect(TABLE).toHaveLength(ORDER_ENTRY_STATES.length * ORDER_ENTRY_EVENTS.length);
  });

  it.each(TABLE)('from %s on %s goes to %s', (from, event, to) => {
    expect(nextOrderEntryState(from, event)).toBe(to);
  });

  it('reads a look at the page: found, not found within the grace, not found past it', () => {
    expect(orderEntryEvent({ present: true, state: 'missing', sinceMs: 0 }, 6000)).toBe('found');
    expect(orderEntryEvent({ present: false, state: 'waiting', sinceMs: 5999 }, 6000)).toBe('lost');
    expect(orderEntryEvent({ present: false, state: 'waiting', sinceMs: 6000 }, 6000)).toBe('grace-over');
  });

  it('waits again, not missing at once, when a page recognised for longer than the grace loses its order entry', () => {
    const event = orderEntryEvent({ present: false, state: 'recognised', sinceMs: 60_000 }, 6000);
    expect(nextOrderEntryState('recognised', event)).toBe('waiting');
  });
});
