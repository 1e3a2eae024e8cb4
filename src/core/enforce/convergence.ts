import type { GatewayReads, OrderActions } from '../gateway/api';
import type { Position } from '../gateway/schemas';
import type { Clock, Timers } from '../ports';
import type { PositionLot } from '../state/position-lots';
import type { DesiredState } from './desired-state';
import { describeStep, executeStep, type PlanStepResult } from './execute-step';
import type { SentStep } from './fast-path';
import { type PlanStep, planSteps } from './plan';
import { type ReadPolicy, readAccount, sleep } from './read-account';

/**
 * One convergence of one account: read REST, plan the gap to the desired state, act, settle,
 * read again; until the plan is empty (converged) or `maxRounds` rounds of actions did not
 * get there (failed). The desired state is asked for afresh every round, so decisions and
 * lockouts that arrive meanwhile join the next round instead of starting a second loop.
 *
 *   read ──▶ plan ──empty──▶ converged
 *    ▲         │ steps
 *    │         ▼
 *  settle ◀── act (round ≤ maxRounds, else failed)
 */
export type ConvergeResult =
  | { ok: true; actions: number; rounds: number }
  | {
      ok: false;
      reason: string;
      actions: number;
      /** The last round's actions were all refused by the gateway (business errors, e.g. market closed), none lost. */
      refused?: boolean;
    };

export interface ConvergeDeps {
  accountId: number;
  actions: OrderActions;
  reads: GatewayReads;
  timers: Timers;
  clock: Clock;
  maxRounds: number;
  settleMs: number;
  readPolicy: ReadPolicy;
  openedAt?: (contractId: string) => number | undefined;
  lots?: (contractId: string) => readonly PositionLot[] | undefined;
  stopped(): boolean;
  /** The desired state for the next round (folds in what arrived since the last one). */
  nextDesired(): Promise<DesiredState>;
  /** Whether something arrived after `nextDesired` that the last read did not see yet. */
  hasPending(): boolean;
  onRound(round: number, desired: DesiredState): void;
  intentKeyFor(step: PlanStep): string | undefined;
  logStep(step: PlanStep, result: PlanStepResult, round: number): Promise<unknown>;
  /**
   * Steps the fast path already sent (fast-path.ts): awaited, counted and journaled as round
   * 0, then the settle, then the first read verifies them.
   */
  sentFirst?: Promise<SentStep[]>;
}

/** The position a close/reduce acted on, as the read before it showed it. */
interface ClosedPosition {
  size: number;
  id: number | null;
  creationTimestamp: string | null;
}

function isSamePosition(p: Position, before: ClosedPosition): boolean {
  if (Math.abs(p.size) !== before.size) return false;
  // Unknown identity (not in the read): fall back to the size alone, the cautious reading.
  if (before.id !== null && p.id !== before.id) return false;
  if (before.creationTimestamp !== null && p.creationTimestamp !== before.creationTimestamp) return false;
  return true;
}

/**
 * Notes a close or reduction that said done, or whose answer was lost (it may have closed),
 * with the position it acted on as it was read; any other step or outcome leaves the note as
 * it is (a stop placed after a reduction must not wipe the reduction's note).
 */
function noteClose(
  closed: Map<string, ClosedPosition>,
  step: PlanStep,
  result: PlanStepResult,
  position: Position | undefined,
): void {
  if (step.type !== 'close' && step.type !== 'reduce') return;
  if (result.status !== 'done' && result.status !== 'unknown') return;
  closed.set(step.contractId, {
    size: step.openSize,
    id: position?.id ?? null,
    creationTimestamp: position?.creationTimestamp ?? null,
  });
}

export async function converge(d: ConvergeDeps): Promise<ConvergeResult> {
  let acted = 0;
  // Contracts whose close/reduce said done (or unknown), with the position as it was read: a
  // read still showing THAT position (same id, same opening time, same size) is probably stale,
  // so it is left alone for ONE round rather than closed twice; after that REST is believed.
  // A different id or opening time is a new position (the trader re-opened right after the
  // close): it is new exposure, acted on at once, not a stale read to wait out.
  let lastClosed = new Map<string, ClosedPosition>();
  if (d.sentFirst) {
    const sent = await d.sentFirst;
    for (const { step, result, position } of sent) {
      acted += 1;
      // The journal is a record, not a gate: verification does not wait for it.
      void d.logStep(step, result, 0);
      noteClose(lastClosed, step, result, position);
    }
    if (sent.length > 0) await sleep(d.timers, d.settleMs);
  }
  const suspectedBefore = new Set<string>();
  // The round budget counts rounds since the last fresh trigger: a trader who keeps opening
  // during a lockout brings new exposure each time, which is not a failure to converge, and
  // the enforcer must keep closing it rather than give up after `maxRounds` closes.
  let budgetFrom = 1;
  let lastRoundRefused = false;
  for (let round = 1; ; round++) {
    if (d.stopped()) return { ok: false, reason: 'enforcer stopped', actions: acted };
    // Something arrived since the last read (in round 1 the budget starts here anyway).
    if (d.hasPending()) budgetFrom = round;
    const desired = await d.nextDesired();
    d.onRound(round, desired);
    const read = await readAccount(d.reads, d.timers, d.accountId, d.readPolicy, d.stopped);
    if (!read.ok) return { ok: false, reason: read.reason, actions: acted };
    const suspect = new Set<string>();
    for (const [contractId, before] of lastClosed) {
      const p = read.real.positions.find((x) => x.contractId === contractId);
      if (p && isSamePosition(p, before) && !suspectedBefore.has(contractId)) {
        suspect.add(contractId);
        suspectedBefore.add(contractId);
      }
    }
    const steps = planSteps(desired, read.real, {
      ...(d.openedAt ? { openedAt: d.openedAt } : {}),
      ...(d.lots ? { lots: d.lots } : {}),
      suspect,
    });
    if (steps.length === 0 && suspect.size === 0 && !d.hasPending()) return { ok: true, actions: acted, rounds: round };
    if (round - budgetFrom + 1 > d.maxRounds) {
      return {
        ok: false,
        reason: `not converged after ${d.maxRounds} rounds; still to do: ${steps.map(describeStep).join('; ')}`,
        actions: acted,
        refused: lastRoundRefused,
      };
    }
    lastClosed = new Map();
    let failed = 0;
    let refusedSteps = 0;
    for (const step of steps) {
      if (d.stopped()) return { ok: false, reason: 'enforcer stopped', actions: acted };
      const result = await executeStep(d.actions, d.accountId, step, d.intentKeyFor(step));
      acted += 1;
      await d.logStep(step, result, round);
      if (result.status === 'failed' || result.status === 'unknown') failed += 1;
      if (result.status === 'failed' && !result.retryable) refusedSteps += 1;
      noteClose(
        lastClosed,
        step,
        result,
        read.real.positions.find((x) => x.contractId === step.contractId),
      );
    }
    lastRoundRefused = failed > 0 && refusedSteps === failed;
    await sleep(d.timers, d.settleMs);
  }
}
