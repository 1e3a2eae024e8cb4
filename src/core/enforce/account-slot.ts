import type { NewJournalEntry } from '../journal/journal';
import type { TimerHandle } from '../ports';
import type { EnforcementDecision } from '../rules/decision';
import { type DesiredState, describeAction } from './desired-state';
import type { EnforcementStatus } from './enforcement-status';
import { describeStep, type PlanStepResult, stopIntentBase } from './execute-step';
import type { SentStep } from './fast-path';
import type { PlanStep } from './plan';

/**
 * The enforcer's bookkeeping for one account: what is asked for (`pending` = arrived since
 * the last round, `current` = being driven), whether a loop runs, the retry timer, the UI
 * status, and small helpers that only read or update one slot.
 */
export interface Slot {
  accountId: number;
  pending: DesiredState | null;
  current: DesiredState | null;
  since: number;
  running: Promise<void> | null;
  retryTimer: TimerHandle | null;
  failures: number;
  /** The last failure was the gateway refusing every action (e.g. market closed), not an outage. */
  refused: boolean;
  status: EnforcementStatus;
  /** How often each stop intent was used in this slot's life (see intentKeyFor). */
  keyUses: Map<string, number>;
  /** What set the current run going (decisions, lockout-guard events), for the journal. */
  triggers: string[];
  /** Steps the fast path sent for the run about to start; its first round verifies them. */
  sentFirst: Promise<SentStep[]> | null;
}

export function newSlot(accountId: number): Slot {
  return {
    accountId,
    pending: null,
    current: null,
    since: 0,
    running: null,
    retryTimer: null,
    failures: 0,
    refused: false,
    status: { state: 'idle' },
    keyUses: new Map(),
    triggers: [],
    sentFirst: null,
  };
}

export function noteTrigger(s: Slot, trigger: string): void {
  s.triggers = [...s.triggers.filter((t) => t !== trigger), trigger].slice(-10);
}

/**
 * The order manager resolves one intent key exactly once and answers later calls with the
 * stored outcome. A stop placement's key is therefore stable across a restart (same
 * enforcement `since`: a resumed worker joins the first, possibly still pending, intent
 * instead of placing a second stop) but gets a new suffix when this run already used it
 * and the re-read shows the stop gone (the trader cancelled it): then a new stop is due.
 */
export function intentKeyFor(s: Slot, step: PlanStep): string | undefined {
  if (step.type !== 'place-stop') return undefined;
  const base = `${stopIntentBase(s.accountId, step)}:${s.since}`;
  const n = (s.keyUses.get(base) ?? 0) + 1;
  s.keyUses.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

export function stepEntry(s: Slot, step: PlanStep, result: PlanStepResult, round: number, at: number): NewJournalEntry {
  const outcome =
    result.status === 'failed' || result.status === 'unknown'
      ? `${result.status}: ${result.error}`
      : `${result.status}${result.detail ? ` (${result.detail})` : ''}`;
  return {
    at,
    kind: 'action',
    accountId: s.accountId,
    message: `${describeStep(step)}: ${outcome}`,
    data: { step, result, round, causes: (s.current?.causes ?? []).map((c) => c.ruleId), triggers: s.triggers },
  };
}

/** The journal entry of a decision: what was decided, why, the figures, the trigger; "would have" in monitor mode. */
export function decisionEntry(d: EnforcementDecision, trigger: string | undefined, at: number): NewJournalEntry {
  const what = describeAction(d.action);
  const data = {
    ruleId: d.ruleId,
    action: d.action,
    lockout: d.lockout ?? null,
    figures: d.figures,
    trigger,
    monitorOnly: d.monitorOnly,
  };
  const message = d.monitorOnly
    ? `Monitor only: would have ${what}${d.lockout ? ` and locked (${d.lockout.kind}, ${d.lockout.scope.type})` : ''}: ${d.reason}`
    : `${d.reason}: ${what}${d.lockout ? ` and ${d.lockout.kind}` : ''}`;
  return { at, kind: 'decision', accountId: d.accountId, ruleId: d.ruleId, message, data };
}
