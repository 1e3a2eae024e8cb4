import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/rules/config-schema';
import {
  buildDnrRules,
  DnrPatternError,
  type DnrRule,
  dnrStateFromSnapshot,
  planDnrUpdate,
  RULE_ID_BASE,
} from '../../../src/platform/dnr-rules';
import { account, healthy, NOW, snapshot } from '../messaging/snapshot-fixtures';

/** The patterns every install starts with (config.pageBlock defaults). */
const DEFAULT_DNR_PATTERNS = defaultConfig().pageBlock;

/** Evaluates rules the way Chrome does for one request: highest priority wins, allow beats block at equal priority. */
function outcome(rules: DnrRule[], url: string, method: string): 'allow' | 'block' | 'none' {
  const matching = rules.filter(
    (r) =>
      new RegExp(r.condition.regexFilter).test(url) &&
      (r.condition.requestMethods === undefined || r.condition.requestMethods.includes(method as 'post')),
  );
  if (matching.length === 0) return 'none';
  const top = Math.max(...matching.map((r) => r.priority));
  const best = matching.filter((r) => r.priority === top);
  return best.some((r) => r.action.type === 'allow') ? 'allow' : 'block';
}

const locked = buildDnrRules({ patterns: DEFAULT_DNR_PATTERNS, accountLocked: true, blindFailClosed: false });

describe('dnr rules', () => {
  it('blocks a new order submitted by the page during a lockout', () => {
    expect(outcome(locked, 'https://userapi.topstepx.com/Order', 'post')).toBe('block');
  });

  it('blocks an order modification during a lockout', () => {
    expect(outcome(locked, 'https://userapi.topstepx.com/Order/edit/12345', 'post')).toBe('block');
  });

  it('lets cancel, close and flatten requests through during a lockout', () => {
    expect(outcome(locked, 'https://userapi.topstepx.com/Order/cancel/12345', 'post')).toBe('allow');
    expect(outcome(locked, 'https://userapi.topstepx.com/Position/close/CON.F.US.MNQ', 'post')).toBe('allow');
    expect(outcome(locked, 'https://userapi.topstepx.com/Position/flatten', 'post')).toBe('allow');
  });

  it('does not block the page reading its orders', () => {
    expect(outcome(locked, 'https://userapi.topstepx.com/Order', 'get')).toBe('none');
  });

  it('does not touch other hosts or paths', () => {
    expect(outcome(locked, 'https://evil.example/userapi.topstepx.com/Order', 'post')).toBe('none');
    expect(outcome(locked, 'https://userapi.topstepx.com/TradingAccount', 'post')).toBe('none');
    expect(outcome(locked, 'https://userapi.topstepx.com/OrderHistory', 'post')).toBe('none');
  });

  it('puts allow rules above block rules', () => {
    const allow = locked.filter((r) => r.action.type === 'allow');
    const block = locked.filter((r) => r.action.type === 'block');
    expect(allow.length).toBe(3);
    expect(block.length).toBe(2);
    expect(Math.min(...allow.map((r) => r.priority))).toBeGreaterThan(Math.max(...block.map((r) => r.priority)));
  });

  it('produces no rules when nothing is locked and the guard can see', () => {
    expect(buildDnrRules({ patterns: DEFAULT_DNR_PATTERNS, accountLocked: false, blindFailClosed: false })).toEqual([]);
  });

  it('blocks order entry when the guard is blind and fail-closed is on', () => {
    const rules = buildDnrRules({ patterns: DEFAULT_DNR_PATTERNS, accountLocked: false, blindFailClosed: true });
    expect(outcome(rules, 'https://userapi.topstepx.com/Order', 'post')).toBe('block');
  });

  it('uses the patterns from config, not built-in ones', () => {
    const rules = buildDnrRules({
      patterns: { orderPatterns: ['^https://sim\\.local/api/Order$'], allowPatterns: [] },
      accountLocked: true,
      blindFailClosed: false,
    });
    expect(outcome(rules, 'https://sim.local/api/Order', 'post')).toBe('block');
    expect(outcome(rules, 'https://userapi.topstepx.com/Order', 'post')).toBe('none');
  });

  it('gives unique ids inside its own range', () => {
    const ids = locked.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBe(RULE_ID_BASE);
  });

  it('rejects an invalid pattern with a clear error, even when nothing is locked', () => {
    expect(() =>
      buildDnrRules({
        patterns: { orderPatterns: ['(unclosed'], allowPatterns: [] },
        accountLocked: false,
        blindFailClosed: false,
      }),
    ).toThrow(DnrPatternError);
  });

  it('plans an update that removes only our own previous rules', () => {
    const plan = planDnrUpdate([1, RULE_ID_BASE, RULE_ID_BASE + 4, 99_999], locked);
    expect(plan.removeRuleIds).toEqual([RULE_ID_BASE, RULE_ID_BASE + 4]);
    expect(plan.addRules).toHaveLength(5);
  });

  it('raises the block for an account-wide lockout or cooldown, not for a symbol-only lock', () => {
    const lock = { kind: 'lockout' as const, reason: 'r', ruleId: 'x', endsAt: NOW + 1000 };
    expect(dnrStateFromSnapshot(snapshot())).toEqual({ accountLocked: false, blindFailClosed: false });
    expect(dnrStateFromSnapshot(snapshot({ accounts: [account({ status: 'locked', lockouts: [lock] })] }))).toEqual({
      accountLocked: true,
      blindFailClosed: false,
    });
    expect(
      dnrStateFromSnapshot(snapshot({ accounts: [account({ lockouts: [{ ...lock, symbol: 'CL', endsAt: null }] })] }))
        .accountLocked,
    ).toBe(false);
  });

  it('raises the block when blind only with fail-closed on', () => {
    const blind = healthy({ blindSince: NOW });
    expect(dnrStateFromSnapshot(snapshot({ health: blind, failClosed: true })).blindFailClosed).toBe(true);
    expect(dnrStateFromSnapshot(snapshot({ health: blind, failClosed: false })).blindFailClosed).toBe(false);
  });
});
