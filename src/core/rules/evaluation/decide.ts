import type { BaseSettings } from '../catalog/rule-entry';
import type { Decision, EnforcementAction, Figures, LockoutSpec } from '../decision';
import type { RuleContext } from '../rule';

/**
 * How an evaluate says what it decided: an enforcement (with its lockout), a warning at the
 * highest newly crossed level of a limit, or nothing (`NO_DECISIONS`).
 */

export function enforcement(
  ctx: RuleContext<unknown>,
  ruleId: string,
  action: EnforcementAction,
  reason: string,
  figures: Figures,
  lockout?: LockoutSpec,
): Decision {
  const d: Decision = {
    kind: 'enforce',
    ruleId,
    accountId: ctx.accountId,
    action,
    reason,
    figures,
    monitorOnly: ctx.mode === 'monitor',
  };
  if (lockout) d.lockout = lockout;
  return d;
}

/**
 * The configured warning level `value / limit` crossed and not yet warned about today under
 * `key` (rule id, or `ruleId:scope`), or 0. Only the highest newly crossed level counts; at or
 * past the limit it is a breach, not a warning — except for a "more than N" limit
 * (`moreThan`: open contracts, orders in a window), where sitting exactly AT the limit is the
 * last step before the breach and warns at the highest level. Allocation-free: call it on hot
 * paths first.
 */
export function crossedLevel(
  ctx: RuleContext<BaseSettings>,
  key: string,
  value: number,
  limit: number,
  moreThan = false,
): number {
  if (!(limit > 0) || !(value > 0)) return 0;
  const fraction = value / limit;
  if (fraction > 1 || (fraction === 1 && !moreThan)) return 0;
  let level = 0;
  const levels = ctx.settings.warnAt;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i] as number;
    if (fraction >= l && l > level) level = l;
  }
  if (level === 0 || (ctx.memory.warned[key] ?? 0) >= level) return 0;
  return level;
}

/** Records the level as warned today and builds the warning. */
export function warning(
  ctx: RuleContext<BaseSettings>,
  ruleId: string,
  key: string,
  level: number,
  fraction: number,
  message: string,
  figures: Figures,
): Decision {
  ctx.write().warned[key] = level;
  return {
    kind: 'warning',
    ruleId,
    accountId: ctx.accountId,
    fraction: Math.round(fraction * 10_000) / 10_000,
    level,
    message,
    figures,
  };
}

/** crossedLevel + warning, for paths where building the message up front is cheap enough. */
export function warnIfCrossed(
  ctx: RuleContext<BaseSettings>,
  ruleId: string,
  scope: string,
  value: number,
  limit: number,
  message: string,
  figures: Figures,
  /** A "more than N" limit: at exactly N the next one breaches (see crossedLevel). */
  moreThan = false,
): Decision | null {
  const key = scope ? `${ruleId}:${scope}` : ruleId;
  const level = crossedLevel(ctx, key, value, limit, moreThan);
  if (level === 0) return null;
  const text = moreThan && value >= limit ? `${message}: the next one breaches the limit` : message;
  return warning(ctx, ruleId, key, level, value / limit, text, figures);
}

/** The empty result, shared: rules return it instead of allocating `[]` on hot paths. */
export const NO_DECISIONS: Decision[] = [];
