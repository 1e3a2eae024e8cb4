import type { ImmediateAction, OrderActions } from '../gateway/api';
import type { Order, Position } from '../gateway/schemas';
import { Lane } from '../resilience/lanes';
import type { EventSource } from '../state/events';
import type { DesiredState } from './desired-state';
import type { PlanStepResult } from './execute-step';
import { type PlanOptions, type PlanStep, planSteps, reducingSide } from './plan';
import { errorText } from './read-account';

/**
 * The fast path (act first): the moment a decision is made, the steps that cannot overshoot
 * whatever the account really holds are planned from what the triggering event already shows
 * and sent at once, all together, before anything is written and before any read. The
 * convergence loop then reads REST and does the rest (convergence.ts).
 *
 *   close   closeContract closes what IS open in that contract at the gateway, whatever size
 *           the picture showed: it cannot over-close or reverse, and on a flat contract the
 *           gateway refuses it. Sent first: it is the exposure that costs money now.
 *   cancel  cancelling an order never opens or enlarges anything; one already filled or
 *           cancelled is refused. Sent in the same instant as the closes, not after them.
 *   reduce  a partial close CAN over-close when the size it is computed from is stale. It is
 *           sent here only from a FRESH sighting (`isFresh`): the triggering event is the user
 *           hub's own update of that position, received within `freshMs`, and no working exit
 *           order on it needs resizing first. Otherwise the loop reads the position first.
 *   resize-order, place-stop, tighten-stop: never here; they need the read.
 *
 * A sighting that is not fresh (a state loaded at start, a timer) sends nothing: the loop
 * reads first, as before.
 */
export interface Sighting {
  /** The guard's picture of the account right after the triggering event. */
  positions: readonly Position[];
  /** Its working orders. */
  orders: readonly Order[];
  /** Where the triggering event came from: only a hub event or a REST reconciliation is acted on at once. */
  source: EventSource;
  receivedAt: number;
  /** The contract whose size the triggering event itself carries (a user-hub position update). */
  positionEventFor?: string;
  /** The fill that triggered the decision (a trade event): its position update may not be in yet. */
  fill?: { contractId: string; side: number; size: number };
}

export interface FastPathOptions {
  now: number;
  /** How old the triggering position update may be for a reduction sized from it (default 250 ms). */
  freshMs?: number;
  openedAt?: (contractId: string) => number | undefined;
  lots?: PlanOptions['lots'];
}

export const DEFAULT_FRESH_MS = 250;

/** Whether a reduction of `contractId` may be sized from the sighting instead of a read. */
export function isFresh(sighting: Sighting, contractId: string, opts: FastPathOptions): boolean {
  if (sighting.source !== 'hub' || sighting.positionEventFor !== contractId) return false;
  if (opts.now - sighting.receivedAt > (opts.freshMs ?? DEFAULT_FRESH_MS)) return false;
  const p = sighting.positions.find((x) => x.contractId === contractId);
  if (!p) return false;
  // An exit order larger than the reduced position must be resized first, or it could
  // reverse the account if it filled: that takes the loop (read, fix the order, then reduce).
  return !sighting.orders.some((o) => o.contractId === contractId && o.side === reducingSide(p));
}

/**
 * The gateway sends a fill's trade before the position update it causes, so a decision taken
 * on the trade still sees the position as it was. When that fill is exactly the size of that
 * position and on its reducing side, the position is almost surely flat already: a close now
 * would only be refused, so it is left to the loop's read (one round trip later in the rare
 * case the state was already past the fill, never a wrong action).
 */
function fillFlattened(sighting: Sighting, contractId: string): boolean {
  const f = sighting.fill;
  if (!f || f.contractId !== contractId) return false;
  const p = sighting.positions.find((x) => x.contractId === contractId);
  return p !== undefined && f.size === Math.abs(p.size) && f.side === reducingSide(p);
}

/** The steps to send at once, closes before cancels; empty when the sighting is not one to act on. */
export function fastSteps(desired: DesiredState, sighting: Sighting, opts: FastPathOptions): PlanStep[] {
  if (sighting.source !== 'hub' && sighting.source !== 'reconcile') return [];
  const steps = planSteps(
    desired,
    { positions: [...sighting.positions], orders: [...sighting.orders] },
    { ...(opts.openedAt ? { openedAt: opts.openedAt } : {}), ...(opts.lots ? { lots: opts.lots } : {}) },
  );
  const closes = steps.filter(
    (s) =>
      (s.type === 'close' && !fillFlattened(sighting, s.contractId)) ||
      (s.type === 'reduce' && isFresh(sighting, s.contractId, opts)),
  );
  const cancels = steps.filter((s) => s.type === 'cancel');
  return [...closes, ...cancels];
}

function immediateOf(step: PlanStep): ImmediateAction | null {
  switch (step.type) {
    case 'close':
      return { kind: 'close', contractId: step.contractId };
    case 'cancel':
      return { kind: 'cancel', orderId: step.orderId };
    case 'reduce':
      return { kind: 'reduce', contractId: step.contractId, size: step.by };
    default:
      return null;
  }
}

export interface SentStep {
  step: PlanStep;
  result: PlanStepResult;
  /** The position as the sighting showed it (for the loop's stale-read check). */
  position: Position | undefined;
}

/**
 * Sends every step at once (each request leaves before this function returns its promise)
 * and resolves with every outcome; a throw is an unknown outcome, never retried here.
 */
export function sendAll(
  actions: OrderActions,
  accountId: number,
  steps: readonly PlanStep[],
  sighting: Sighting,
): Promise<SentStep[]> {
  const ctx = { lane: Lane.Enforcement };
  return Promise.all(
    steps.map(async (step): Promise<SentStep> => {
      const position =
        step.type === 'close' || step.type === 'reduce'
          ? sighting.positions.find((p) => p.contractId === step.contractId)
          : undefined;
      const action = immediateOf(step);
      if (!action) return { step, position, result: { status: 'failed', error: 'not a fast step', retryable: false } };
      try {
        return { step, position, result: await actions.sendNow(accountId, action, ctx) };
      } catch (error) {
        return { step, position, result: { status: 'unknown', error: errorText(error) } };
      }
    }),
  );
}
