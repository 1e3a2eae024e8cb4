/**
 * The two steps of a destructive action (ConfirmAction.tsx): the states, the events and the
 * one transition table. The component moves only through it, so a second press of the confirm
 * button before the first has answered does nothing (the button is disabled only once the
 * view has re-rendered; two quick clicks came before that).
 *
 *   idle ──ask──▶ asking ──confirm──▶ busy ──done──▶ idle
 *                   └──cancel (Cancel, Escape)──▶ idle
 */
export type ConfirmStep = 'idle' | 'asking' | 'busy';

export const CONFIRM_STEPS: readonly ConfirmStep[] = ['idle', 'asking', 'busy'];

export type ConfirmEvent = 'ask' | 'confirm' | 'cancel' | 'done';

export const CONFIRM_EVENTS: readonly ConfirmEvent[] = ['ask', 'confirm', 'cancel', 'done'];

/** The whole machine: anything not listed is ignored. */
export const CONFIRM_TRANSITIONS: Readonly<Record<ConfirmStep, Partial<Record<ConfirmEvent, ConfirmStep>>>> = {
  idle: { ask: 'asking' },
  asking: { confirm: 'busy', cancel: 'idle' },
  busy: { done: 'idle' },
};

export function nextConfirmStep(step: ConfirmStep, event: ConfirmEvent): ConfirmStep | null {
  return CONFIRM_TRANSITIONS[step][event] ?? null;
}
