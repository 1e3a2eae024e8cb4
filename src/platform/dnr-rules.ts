import type { GuardConfig } from '../core/rules/config-schema';
import type { GuardSnapshot } from '../messaging/snapshot';

/**
 * Network-level block of the TopstepX page's own order submission during a lockout
 * (gateway-api.md, "The TopstepX web page"). Pure: config patterns + lockout state →
 * declarativeNetRequest dynamic rules. The worker applies them with
 *   const input = { patterns: config.pageBlock, ...dnrStateFromSnapshot(snapshot) };
 *   chrome.declarativeNetRequest.updateDynamicRules(planDnrUpdate(existingIds, buildDnrRules(input)))
 *
 * Priorities: allow rules (cancel / close / flatten) sit ABOVE the block rules, so a
 * risk-reducing request still passes while new orders are stopped. Patterns are RE2
 * `regexFilter`s from config, never code.
 *
 * What the network layer cannot do: the request body (account id, symbol) is invisible to
 * DNR, so the block is all-or-nothing for the page. It is raised for an account-wide
 * lockout or cooldown of ANY monitored account, or when the guard is blind with fail-closed
 * on; a symbol-only lockout (rule 11) is left to the page overlay and the enforcer.
 */

/** The subset of chrome.declarativeNetRequest.Rule this module produces. */
export interface DnrRule {
  id: number;
  priority: number;
  action: { type: 'block' | 'allow' };
  condition: {
    regexFilter: string;
    resourceTypes: ('xmlhttprequest' | 'other')[];
    requestMethods?: ('post' | 'put' | 'patch' | 'delete' | 'get')[];
  };
}

/** config.pageBlock: order submission patterns vs always-allowed (cancel / close / flatten) patterns. */
export type DnrPatterns = Pick<GuardConfig['pageBlock'], 'orderPatterns' | 'allowPatterns'>;

export interface DnrInput {
  patterns: DnrPatterns;
  /** True when any monitored account has an account-wide lockout or cooldown in force. */
  accountLocked: boolean;
  /** True when the guard cannot see and fail-closed is on. */
  blindFailClosed: boolean;
}

/** Our dynamic rules live in [RULE_ID_BASE, RULE_ID_BASE + RULE_ID_SPAN); other ids are left alone. */
export const RULE_ID_BASE = 7000;
export const RULE_ID_SPAN = 1000;
const BLOCK_PRIORITY = 1;
const ALLOW_PRIORITY = 2;
// Only requests that change something are blocked: the page may still read its orders.
const MUTATING: DnrRule['condition']['requestMethods'] = ['post', 'put', 'patch', 'delete'];
const RESOURCE_TYPES: DnrRule['condition']['resourceTypes'] = ['xmlhttprequest', 'other'];

export class DnrPatternError extends Error {
  override name = 'DnrPatternError';
}

function checkPattern(pattern: string): void {
  if (pattern.length === 0 || pattern.length > 2000) throw new DnrPatternError('a DNR pattern must be 1–2000 chars');
  try {
    new RegExp(pattern);
  } catch {
    throw new DnrPatternError(`not a valid regular expression: ${pattern}`);
  }
}

/** The rules that should be in force; empty when nothing is to be blocked. */
export function buildDnrRules(input: DnrInput): DnrRule[] {
  const block = input.patterns.orderPatterns;
  const allow = input.patterns.allowPatterns;
  for (const p of [...block, ...allow]) checkPattern(p);
  if (!(input.accountLocked || input.blindFailClosed)) return [];
  if (block.length + allow.length > RULE_ID_SPAN) throw new DnrPatternError('too many DNR patterns');
  let id = RULE_ID_BASE;
  const rules: DnrRule[] = [];
  for (const regexFilter of allow) {
    rules.push({
      id: id++,
      priority: ALLOW_PRIORITY,
      action: { type: 'allow' },
      condition: { regexFilter, resourceTypes: [...RESOURCE_TYPES] },
    });
  }
  for (const regexFilter of block) {
    rules.push({
      id: id++,
      priority: BLOCK_PRIORITY,
      action: { type: 'block' },
      condition: { regexFilter, resourceTypes: [...RESOURCE_TYPES], requestMethods: MUTATING ? [...MUTATING] : [] },
    });
  }
  return rules;
}

/** Argument for updateDynamicRules: drop every rule of ours that exists, add the desired ones. */
export function planDnrUpdate(
  existingRuleIds: readonly number[],
  desired: readonly DnrRule[],
): { removeRuleIds: number[]; addRules: DnrRule[] } {
  const ours = existingRuleIds.filter((id) => id >= RULE_ID_BASE && id < RULE_ID_BASE + RULE_ID_SPAN);
  return { removeRuleIds: [...ours], addRules: [...desired] };
}

/**
 * Lockout state for the network block, from the snapshot: an account-wide lockout or
 * cooldown on any monitored account (symbol-only locks excluded), or blind with fail-closed.
 */
export function dnrStateFromSnapshot(snapshot: GuardSnapshot): Pick<DnrInput, 'accountLocked' | 'blindFailClosed'> {
  const accountLocked = snapshot.accounts.some(
    (a) => (a.status === 'locked' || a.status === 'cooldown') && a.lockouts.some((l) => l.symbol === undefined),
  );
  return { accountLocked, blindFailClosed: snapshot.failClosed && snapshot.health.blindSince !== null };
}
