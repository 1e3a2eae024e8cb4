import { errorNameAndMessage } from '../../error-message';
import type { DomainEvent } from '../../state/events';
import { NO_FAILED, type RuleMemory, removeIn, setIn } from '../rule-memory';

/**
 * One rule failing never silences the others: the engine runs each account's rules under one
 * try, and a rule that throws decides nothing for that account and event. Its failure is kept
 * in the account's memory (`failed`, shown as *error* in the popup) and reported once per bout
 * of failing (journaled); the next evaluation that works clears it.
 */

/** A rule that threw while judging an account (reported when it starts failing, not on every event). */
export interface RuleFailure {
  ruleId: string;
  accountId: number;
  message: string;
  eventKind: DomainEvent['kind'];
}

export const NO_FAILURES: RuleFailure[] = [];

/** Words of a thrown value, bounded (it goes to the journal and the popup). */
export function failureMessage(error: unknown): string {
  const text = errorNameAndMessage(error);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** Whether the memory records a failing rule: by identity first, it is checked on every event. */
export function anyFailed(m: RuleMemory): boolean {
  if (m.failed === NO_FAILED) return false;
  for (const _ in m.failed) return true;
  return false;
}

/** The rule worked: its failure, if any, is forgotten. */
export function clearFailure(m: RuleMemory, write: () => RuleMemory, ruleId: string): void {
  if (m.failed[ruleId] === undefined) return;
  const w = write();
  w.failed = removeIn(w.failed, ruleId);
}

/** The rule threw: remembered (the first time of a bout) and returned to report, else null. */
export function recordFailure(
  m: RuleMemory,
  write: () => RuleMemory,
  failure: Omit<RuleFailure, 'message'> & { error: unknown; now: number },
): RuleFailure | null {
  if (m.failed[failure.ruleId] !== undefined) return null;
  const message = failureMessage(failure.error);
  const w = write();
  w.failed = setIn(w.failed, failure.ruleId, { message, since: failure.now });
  return { ruleId: failure.ruleId, accountId: failure.accountId, message, eventKind: failure.eventKind };
}
