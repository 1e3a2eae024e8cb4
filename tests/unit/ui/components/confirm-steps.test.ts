import { describe, expect, it } from 'vitest';
import {
  CONFIRM_EVENTS,
  CONFIRM_STEPS,
  type ConfirmEvent,
  type ConfirmStep,
  nextConfirmStep,
} from '../../../../src/ui/components/confirm-steps';

/** Every state against every event: where it goes, null where the machine ignores it. */
const TABLE: Array<[ConfirmStep, ConfirmEvent, ConfirmStep | null]> = [
  ['idle', 'ask', 'asking'],
  ['idle', 'confirm', null],
  ['idle', 'cancel', null],
  ['idle', 'done', null],
  ['asking', 'ask', null],
  ['asking', 'confirm', 'busy'],
  ['asking', 'cancel', 'idle'],
  ['asking', 'done', null],
  ['busy', 'ask', null],
  ['busy', 'confirm', null],
  ['busy', 'cancel', null],
  ['busy', 'done', 'idle'],
];

describe('the two steps of a destructive action', () => {
  it('lists every state against every event', () => {
    expect(TABLE).toHaveLength(CONFIRM_STEPS.length * CONFIRM_EVENTS.length);
  });

  it.each(TABLE)('from %s on %s goes to %s', (from, event, to) => {
    expect(nextConfirmStep(from, event)).toBe(to);
  });
});
