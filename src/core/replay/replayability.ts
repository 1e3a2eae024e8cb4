import type { BaseSettings } from '../rules/catalog/rule-entry';
import { effectiveRules, type GuardConfig, isMonitored } from '../rules/config/config-schema';
import { ALL_RULES } from '../rules/evaluation/all-rules';
import type { Rule } from '../rules/rule';
import type { MonitorAs, RuleReplayability } from './replay-types';

/**
 * Which rules history can answer for, and how well. The history the gateway keeps is the
 * fills (Trade/search) and, optionally, minute bars (History/retrieveBars): enough for every
 * rule that reads trades, positions and the clock, an estimate for rules that read open P&L,
 * and nothing for rules that need the working orders or the platform's own state at the
 * moment. Rules history cannot answer for are switched OFF in the replayed config and listed
 * as such: never silently treated as passing.
 *
 * Rules not named below are classified by what they listen to, so a rule added later is
 * never replayed without a word about it.
 */

const NOT_REPLAYABLE: Readonly<Record<string, string>> = {
  stopLossRequired:
    'needs the working stop orders of every moment; the trade history holds fills only, so every position would look unprotected',
  tradeManagement:
    'it moves protective stops; whether a moved stop would have filled changes every later fill, which history cannot tell',
  tradingPermission:
    "needs the platform's canTrade flag and the guard's own connection over time; neither is in the trade history",
};

const APPROXIMATE: Readonly<Record<string, string>> = {
  weeklyLoss:
    'the week’s days before the range are not in it: a range starting mid-week counts that week from its start',
  weeklyTradeLimit:
    'the week’s days before the range are not in it: a range starting mid-week counts that week from its start',
  trailingDrawdown:
    "the balance over time is rebuilt from today's balance and the fetched trades; end-of-day highs before the range are unknown (seed the rule's end-of-day high)",
};

/** Rules that also listen to orders but whose result does not depend on them (cancels change no P&L). */
const ORDERS_ONLY_CANCELLED = new Set(['symbolBlocks', 'tradingHours']);

function classify(rule: Rule<BaseSettings>, bars: boolean): Omit<RuleReplayability, 'ruleId' | 'name'> {
  const never = NOT_REPLAYABLE[rule.id];
  if (never) return { status: 'not-replayable', reason: never };
  const approx = APPROXIMATE[rule.id];
  if (approx) return { status: 'approximate', reason: approx };
  if (rule.listensTo.includes('quote')) {
    return {
      status: 'approximate',
      reason: bars
        ? 'open P&L from minute bars (open, high, low, close of each minute), not every tick'
        : 'no minute bars loaded: open P&L is known only at the fills',
    };
  }
  if (rule.listensTo.includes('order') && !ORDERS_ONLY_CANCELLED.has(rule.id)) {
    return {
      status: 'approximate',
      reason: 'working orders are not in the history: replayed from fills and positions',
    };
  }
  if (rule.listensTo.includes('health')) {
    return { status: 'not-replayable', reason: "needs the guard's connection health over time" };
  }
  return { status: 'replayable', reason: 'replayed from the fills and the positions they build' };
}

/** The rules switched on (monitor or enforce) for any of the accounts, with how each replays. */
export function rulesInUse(
  config: GuardConfig,
  accountIds: readonly number[],
  bars: boolean,
  rules: readonly Rule<BaseSettings>[] = ALL_RULES,
): RuleReplayability[] {
  const out: RuleReplayability[] = [];
  for (const rule of rules) {
    const on = accountIds.some((id) => {
      if (!isMonitored(config, id)) return false;
      const s = (effectiveRules(config, id) as unknown as Record<string, BaseSettings | undefined>)[rule.id];
      return s !== undefined && s.mode !== 'off';
    });
    if (on) out.push({ ruleId: rule.id, name: rule.name, ...classify(rule, bars) });
  }
  return out;
}

type RuleBlocks = Record<string, BaseSettings | undefined>;

function adjustBlocks(blocks: RuleBlocks, off: ReadonlySet<string>, monitorAs: MonitorAs): RuleBlocks {
  const out: RuleBlocks = { ...blocks };
  for (const [id, block] of Object.entries(blocks)) {
    if (!block) continue;
    if (off.has(id)) out[id] = { ...block, mode: 'off' };
    else if (monitorAs === 'enforce' && block.mode === 'monitor') out[id] = { ...block, mode: 'enforce' };
  }
  return out;
}

/**
 * The config the replay runs: rules history cannot answer for switched off, and (when asked)
 * monitor mode taken as enforce. Everything else as the trader set it. Not re-validated: it is
 * a valid config with modes changed.
 */
export function replayConfig(
  config: GuardConfig,
  rules: readonly RuleReplayability[],
  monitorAs: MonitorAs,
): GuardConfig {
  const off = new Set(rules.filter((r) => r.status === 'not-replayable').map((r) => r.ruleId));
  const overrides: Record<string, { rules: RuleBlocks }> = {};
  for (const [id, o] of Object.entries(config.accountOverrides)) {
    overrides[id] = { ...o, rules: adjustBlocks(o.rules as RuleBlocks, off, monitorAs) };
  }
  return {
    ...config,
    defaultProfile: {
      ...config.defaultProfile,
      rules: adjustBlocks(config.defaultProfile.rules as unknown as RuleBlocks, off, monitorAs),
    },
    accountOverrides: overrides,
  } as unknown as GuardConfig;
}
