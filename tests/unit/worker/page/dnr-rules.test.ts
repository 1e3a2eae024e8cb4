import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../src/core/rules/config/config-schema';
import {
  BACKEND_DOMAIN,
  buildDnrRules,
  type DnrRule,
  dnrStateFromSnapshot,
  planDnrUpdate,
  RULE_ID_BASE,
} from '../../../../src/worker/page/dnr-rules';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';

/** The patterns every install starts with (config.page defaults). */
const DEFAULTS = defaultConfig().page;

function hostOf(url: string): string {
  return new URL(url).hostname;
}

/** Matches a domain condition the way the browser does: the domain itself or a subdomain. */
function domainMatches(list: string[], host: string): boolean {
  return list.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Evaluates rules the way the browser does for one request: request and initiator domains,
 * method, case-insensitive regex; highest priority wins, allow beats block at equal priority.
 */
function outcome(
  rules: DnrRule[],
  url: string,
  method: string,
  initiator = 'https://www.topstepx.com',
): 'allow' | 'block' | 'none' {
  const matching = rules.filter(
    (r) =>
      domainMatches(r.condition.requestDomains, hostOf(url)) &&
      domainMatches(r.condition.initiatorDomains, hostOf(initiator)) &&
      (r.condition.requestMethods === undefined || r.condition.requestMethods.includes(method as 'post')) &&
      new RegExp(r.condition.regexFilter, r.condition.isUrlFilterCaseSensitive ? '' : 'i').test(url),
  );
  if (matching.length === 0) return 'none';
  const top = Math.max(...matching.map((r) => r.priority));
  const best = matching.filter((r) => r.priority === top);
  return best.some((r) => r.action.type === 'allow') ? 'allow' : 'block';
}

const locked = buildDnrRules({ patterns: DEFAULTS, accountLocked: true, blindFailClosed: false }).rules;
const API = 'https://userapi.topstepx.com';

describe('the page’s network block (declarativeNetRequest rules)', () => {
  it('blocks every way the real page opens exposure during a lockout', () => {
    expect(outcome(locked, `${API}/Order`, 'post')).toBe('block');
    expect(outcome(locked, `${API}/order`, 'post')).toBe('block'); // the back end's routes ignore case
    expect(outcome(locked, `${API}/Order/postWithContract`, 'post')).toBe('block');
    expect(outcome(locked, `${API}/TradingAccount/follow`, 'post')).toBe('block');
    // "Reverse position" is a GET; every method of /Position/reverse* is blocked.
    for (const method of ['get', 'post', 'put', 'delete', 'options']) {
      expect(
        outcome(locked, `${API}/Position/reverseWithTimeType?accountId=1&symbol=F.US.MNQ&timeType=0`, method),
      ).toBe('block');
    }
    expect(outcome(locked, `${API}/Position/reverse?accountId=1`, 'post')).toBe('block');
  });

  it('lets every risk-reducing request through during a lockout', () => {
    const passes = [
      ['delete', '/Order/cancel/17/id/9000000001'],
      ['delete', '/Order/cancel/17/all'],
      ['delete', '/Order/cancel/17/symbol/F.US.MNQ'],
      ['delete', '/Order/cancel/17/contract/CON.F.US.MNQ.Z26'],
      ['delete', '/Order/cancel/id/9000000001'],
      ['delete', '/Position/close/17'],
      ['delete', '/Position/close/17/symbol/F.US.MNQ'],
      ['delete', '/Position/close/17/contract/CON.F.US.MNQ.Z26'],
      ['post', '/TradingAccount/flatten'],
      ['post', '/Order/editStopLoss'],
      ['put', '/Position/sltp?accountId=17&stopLoss=21000'],
      ['put', '/Position/riskToMake?accountId=17'],
      ['post', '/TradingAccount/setPositionBrackets'],
      // Dragging a working order (a stop being tightened): let through, blind or locked.
      ['patch', '/Order/edit/stopLimit/9000000001?limitPrice=21000&stopPrice=20990'],
      ['put', '/Order/edit/trailingDistance/9000000001?trailDistance=8'],
      ['post', '/PersonalLockout/add'],
      ['post', '/RiskSettingsLockout/add'],
    ] as const;
    for (const [method, path] of passes) {
      expect([path, outcome(locked, `${API}${path}`, method)]).not.toEqual([path, 'block']);
    }
  });

  it('does not block the page reading its orders or positions', () => {
    expect(outcome(locked, `${API}/Order?accountId=17`, 'get')).toBe('none');
    expect(outcome(locked, `${API}/Position?accountId=17`, 'get')).toBe('none');
    expect(outcome(locked, `${API}/OrderHistory`, 'post')).toBe('none');
    expect(outcome(locked, `${API}/TradingAccount`, 'post')).toBe('none');
  });

  it('can never block the guard’s own gateway calls nor another site, whatever the pattern', () => {
    const everything = buildDnrRules({
      patterns: { blockRequests: ['* .*'], allowRequests: [] },
      accountLocked: true,
      blindFailClosed: false,
    }).rules;
    expect(outcome(everything, 'https://api.topstepx.com/api/Order/place', 'post', 'chrome-extension://abc')).toBe(
      'none',
    );
    expect(outcome(everything, 'https://api.topstepx.com/api/Order/place', 'post')).toBe('none');
    expect(outcome(everything, `${API}/Order`, 'post', 'https://evil.example')).toBe('none');
    expect(outcome(everything, `${API}/Order`, 'post')).toBe('block');
    for (const r of everything) {
      expect(r.condition.requestDomains).toEqual([BACKEND_DOMAIN]);
      expect(r.condition.initiatorDomains).toEqual(['topstepx.com']);
      expect(r.condition.isUrlFilterCaseSensitive).toBe(false);
    }
  });

  it('puts allow rules above block rules', () => {
    const allow = locked.filter((r) => r.action.type === 'allow');
    const block = locked.filter((r) => r.action.type === 'block');
    expect(allow.length).toBe(DEFAULTS.allowRequests.length);
    expect(block.length).toBe(DEFAULTS.blockRequests.length);
    expect(Math.min(...allow.map((r) => r.priority))).toBeGreaterThan(Math.max(...block.map((r) => r.priority)));
  });

  it('produces no rules when nothing is locked and the guard can see', () => {
    expect(buildDnrRules({ patterns: DEFAULTS, accountLocked: false, blindFailClosed: false })).toEqual({
      rules: [],
      skipped: [],
    });
  });

  it('blocks order entry when the guard is blind and fail-closed is on', () => {
    const rules = buildDnrRules({ patterns: DEFAULTS, accountLocked: false, blindFailClosed: true }).rules;
    expect(outcome(rules, `${API}/Order`, 'post')).toBe('block');
  });

  it('uses the patterns and methods from config, not built-in ones', () => {
    const rules = buildDnrRules({
      patterns: { blockRequests: ['PUT,POST ^https://userapi\\.topstepx\\.com/Basket$'], allowRequests: [] },
      accountLocked: true,
      blindFailClosed: false,
    }).rules;
    expect(outcome(rules, `${API}/Basket`, 'put')).toBe('block');
    expect(outcome(rules, `${API}/Basket`, 'get')).toBe('none');
    expect(outcome(rules, `${API}/Order`, 'post')).toBe('none');
  });

  it('gives unique ids inside its own range', () => {
    const ids = locked.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBe(RULE_ID_BASE);
  });

  it('leaves out a pattern that does not parse and says so, keeping every other rule', () => {
    const plan = buildDnrRules({
      patterns: { blockRequests: ['POST (unclosed', ...DEFAULTS.blockRequests], allowRequests: [] },
      accountLocked: true,
      blindFailClosed: false,
    });
    expect(plan.skipped).toEqual([{ pattern: 'POST (unclosed', message: expect.stringContaining('not a valid') }]);
    expect(plan.rules).toHaveLength(DEFAULTS.blockRequests.length);
  });

  it('plans an update that removes only our own previous rules', () => {
    const plan = planDnrUpdate([1, RULE_ID_BASE, RULE_ID_BASE + 4, 99_999], locked);
    expect(plan.removeRuleIds).toEqual([RULE_ID_BASE, RULE_ID_BASE + 4]);
    expect(plan.addRules).toHaveLength(locked.length);
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
