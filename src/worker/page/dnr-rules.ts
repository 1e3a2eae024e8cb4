import type { PageConfig } from '../../core/page/page-config';
import { parseRequestPattern, type RequestMethod } from '../../core/page/request-pattern';
import type { GuardSnapshot } from '../../messaging/snapshot';

/**
 * Network-level block of the TopstepX page's own order requests during a lockout. Pure:
 * config patterns + lockout state → declarativeNetRequest dynamic rules; the worker applies
 * them (page-block.ts, beside it).
 *
 * Scope: every rule matches only requests TO the page's back end (`userapi.topstepx.com`)
 * made BY the TopstepX page (initiator `topstepx.com` and its subdomains). No pattern can
 * therefore touch the guard's own calls to the public gateway (`api.topstepx.com`, whose
 * initiator is the extension) or any other site.
 *
 * Priorities: allow rules (cancel, close, flatten, brackets) sit ABOVE the block rules, so a
 * risk-reducing request passes even if a block pattern also matches it.
 *
 * What the network layer cannot do: it sees the method and the URL, never the body, so it
 * cannot tell accounts or symbols apart (`POST /Order` carries both in its body). It is
 * raised for an account-wide lockout or cooldown of ANY monitored account, or when the guard
 * is blind with fail-closed on; a symbol-only lockout is left to the page layer and the enforcer.
 */

export const BACKEND_DOMAIN = 'userapi.topstepx.com';
export const PAGE_DOMAIN = 'topstepx.com';

/** The subset of chrome.declarativeNetRequest.Rule this module produces. */
export interface DnrRule {
  id: number;
  priority: number;
  action: { type: 'block' | 'allow' };
  condition: {
    regexFilter: string;
    isUrlFilterCaseSensitive: false;
    requestDomains: string[];
    initiatorDomains: string[];
    resourceTypes: ('xmlhttprequest' | 'other')[];
    /** Absent: every method. */
    requestMethods?: RequestMethod[];
  };
}

export type DnrPatterns = Pick<PageConfig, 'blockRequests' | 'allowRequests'>;

export interface DnrInput {
  patterns: DnrPatterns;
  /** True when any monitored account has an account-wide lockout or cooldown in force. */
  accountLocked: boolean;
  /** True when the guard cannot see and fail-closed is on. */
  blindFailClosed: boolean;
}

export interface DnrPlan {
  rules: DnrRule[];
  /** Patterns left out because they do not parse (config is validated, so only a bug or an old store). */
  skipped: Array<{ pattern: string; message: string }>;
}

/** Our dynamic rules live in [RULE_ID_BASE, RULE_ID_BASE + RULE_ID_SPAN); other ids are left alone. */
export const RULE_ID_BASE = 7000;
export const RULE_ID_SPAN = 1000;
const BLOCK_PRIORITY = 1;
const ALLOW_PRIORITY = 2;
const RESOURCE_TYPES: DnrRule['condition']['resourceTypes'] = ['xmlhttprequest', 'other'];

/** The rules that should be in force; none when nothing is to be blocked. */
export function buildDnrRules(input: DnrInput): DnrPlan {
  const skipped: DnrPlan['skipped'] = [];
  if (!(input.accountLocked || input.blindFailClosed)) return { rules: [], skipped };
  let id = RULE_ID_BASE;
  const rules: DnrRule[] = [];
  const add = (patterns: readonly string[], type: 'block' | 'allow', priority: number) => {
    for (const text of patterns) {
      const parsed = parseRequestPattern(text);
      if (!parsed.ok) {
        skipped.push({ pattern: text, message: parsed.message });
        continue;
      }
      if (id >= RULE_ID_BASE + RULE_ID_SPAN) {
        skipped.push({ pattern: text, message: 'too many patterns' });
        continue;
      }
      const { methods, regex } = parsed.pattern;
      rules.push({
        id: id++,
        priority,
        action: { type },
        condition: {
          regexFilter: regex,
          isUrlFilterCaseSensitive: false,
          requestDomains: [BACKEND_DOMAIN],
          initiatorDomains: [PAGE_DOMAIN],
          resourceTypes: [...RESOURCE_TYPES],
          ...(methods === null ? {} : { requestMethods: [...methods] }),
        },
      });
    }
  };
  add(input.patterns.allowRequests, 'allow', ALLOW_PRIORITY);
  add(input.patterns.blockRequests, 'block', BLOCK_PRIORITY);
  return { rules, skipped };
}

/** Argument for updateDynamicRules: drop every rule of ours that exists, add the desired ones. */
export function planDnrUpdate(
  existingRuleIds: readonly number[],
  desired: readonly DnrRule[],
): { removeRuleIds: number[]; addRules: DnrRule[] } {
  return { removeRuleIds: ourRuleIds(existingRuleIds), addRules: [...desired] };
}

export function ourRuleIds(ids: readonly number[]): number[] {
  return ids.filter((id) => id >= RULE_ID_BASE && id < RULE_ID_BASE + RULE_ID_SPAN);
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
