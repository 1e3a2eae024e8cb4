import { CATALOG, RULE_IDS, type RuleId } from '../catalog/rule-catalog';
import type { BaseSettings, RuleEntry } from '../catalog/rule-entry';
import {
  changesFor,
  type FieldMerge,
  type FieldOrder,
  mergeField,
  mergeSettings,
  type SettingChange,
  sameValue,
  type TightnessSpec,
} from '../catalog/tightness';
import type { GuardConfig } from './config-schema';

/**
 * The commitment lock: during a trading day a change that tightens applies at once; one that
 * loosens (a higher limit, a rule off or enforce → monitor, an unblocked symbol, wider hours,
 * a longer grace, an account no longer monitored …) applies only from the next reset. A rule
 * switched on from off applies whole at once (nothing of it was in force).
 * Mixed changes split field by field: the tightening parts apply now, the rest waits.
 *
 *   active ──applyConfigChange(proposed)──▶ active' = tighter-of(active, proposed)
 *                                           pending = proposed (if anything loosens) until nextReset
 *   pending ──promotePending(now ≥ effectiveAt)──▶ active = pending.config, pending = null
 *
 * A new proposal supersedes the pending one: it is the trader's whole intended config.
 */

export interface PendingConfig {
  config: GuardConfig;
  effectiveAt: number;
  changes: SettingChange[];
}

export interface ConfigChangeResult {
  active: GuardConfig;
  pending: PendingConfig | null;
  /** Every change: 'tighten' ones are in `active` now, 'loosen' ones wait in `pending`. */
  changes: SettingChange[];
}

const mergeMonitored: FieldOrder = {
  merge(old, next): FieldMerge {
    if (old === 'all') return { value: 'all', kind: 'loosen' };
    if (next === 'all') return { value: 'all', kind: 'tighten' };
    return mergeField('more-tighter', old, next);
  },
};

const GLOBAL_ORDER: { readonly [K in keyof GuardConfig]?: FieldOrder } = {
  version: 'neutral',
  // Moving the reset could shorten the day and clear its limits early: it waits.
  tradingDay: 'any-change-loosens',
  countFees: 'true-tighter',
  countCommissions: 'true-tighter',
  failClosed: 'true-tighter',
  blindGraceSec: 'higher-looser',
  notifications: 'neutral',
  accountGroups: 'more-tighter',
  monitoredAccountIds: mergeMonitored,
};

/**
 * The page: more to cover or block is tighter; more never covered or always let through is
 * looser. Which element shows the account (or contract) in view decides whose lockout covers
 * the page, so any change there waits (no selector at all means "every locked account").
 */
const PAGE_ORDER: TightnessSpec<GuardConfig['page']> = {
  cover: 'more-tighter',
  keepUsable: 'fewer-tighter',
  accountPicker: 'any-change-loosens',
  contractPicker: 'any-change-loosens',
  blockRequests: 'more-tighter',
  allowRequests: 'fewer-tighter',
};

function ruleOf(id: RuleId): RuleEntry<BaseSettings> {
  return CATALOG[id] as RuleEntry<BaseSettings>;
}

/**
 * One rule block's merge. A rule that was *off* had no limit in force: turning it on is a
 * tightening whatever its values, so the whole new block applies at once — at the value the
 * trader chose, not at the one the block held while off.
 */
function mergeRule(
  id: RuleId,
  old: BaseSettings,
  next: BaseSettings,
  path: string,
): { value: BaseSettings; changes: SettingChange[] } {
  if (old.mode !== 'off' || next.mode === 'off') return ruleOf(id).merge(old, next, path);
  const o = old as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  const changes: SettingChange[] = [];
  for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
    if (!sameValue(o[key], n[key])) changes.push({ path: `${path}.${key}`, from: o[key], to: n[key], kind: 'tighten' });
  }
  return { value: next, changes };
}

function mergeRules(
  old: Record<RuleId, BaseSettings>,
  next: Record<RuleId, BaseSettings>,
  path: string,
): { value: Record<RuleId, BaseSettings>; changes: SettingChange[] } {
  const value = { ...next };
  const changes: SettingChange[] = [];
  for (const id of RULE_IDS) {
    const m = mergeRule(id, old[id], next[id], `${path}.${id}`);
    value[id] = m.value;
    changes.push(...m.changes);
  }
  return { value, changes };
}

function mergeOverrides(active: GuardConfig, proposed: GuardConfig, mergedDefault: Record<RuleId, BaseSettings>) {
  const value: GuardConfig['accountOverrides'] = {};
  const changes: SettingChange[] = [];
  const oldDefault = active.defaultProfile.rules as Record<RuleId, BaseSettings>;
  const newDefault = proposed.defaultProfile.rules as Record<RuleId, BaseSettings>;
  const accounts = new Set([...Object.keys(active.accountOverrides), ...Object.keys(proposed.accountOverrides)]);
  for (const account of accounts) {
    const oldBlocks = (active.accountOverrides[account]?.rules ?? {}) as Partial<Record<RuleId, BaseSettings>>;
    const newBlocks = (proposed.accountOverrides[account]?.rules ?? {}) as Partial<Record<RuleId, BaseSettings>>;
    const blocks: Partial<Record<RuleId, BaseSettings>> = {};
    for (const id of RULE_IDS) {
      const o = oldBlocks[id];
      const n = newBlocks[id];
      if (o === undefined && n === undefined) continue;
      // Compare what the account actually had with what it would have.
      const m = mergeRule(id, o ?? oldDefault[id], n ?? newDefault[id], `accountOverrides.${account}.rules.${id}`);
      changes.push(...m.changes);
      if (n === undefined && sameValue(m.value, mergedDefault[id])) continue;
      blocks[id] = m.value;
    }
    if (Object.keys(blocks).length > 0 || proposed.accountOverrides[account]) {
      value[account] = { rules: blocks } as GuardConfig['accountOverrides'][string];
    }
  }
  return { value, changes };
}

/** Splits a proposed config into what applies now and what waits for the next reset. */
export function applyConfigChange(input: {
  active: GuardConfig | null;
  proposed: GuardConfig;
  /** The previous pending change; superseded by `proposed`. */
  pending?: PendingConfig | null;
  now: number;
  nextReset: number;
}): ConfigChangeResult {
  const { active, proposed } = input;
  if (active === null) return { active: proposed, pending: null, changes: [] };
  const changes: SettingChange[] = [];
  const merged = { ...proposed } as Record<string, unknown>;
  for (const [key, order] of Object.entries(GLOBAL_ORDER) as [keyof GuardConfig, FieldOrder][]) {
    const m = mergeField(order, active[key], proposed[key]);
    merged[key] = m.value;
    changes.push(...changesFor(key, active[key], m.value, proposed[key]));
  }
  const page = mergeSettings(PAGE_ORDER, active.page, proposed.page, 'page');
  merged.page = page.value;
  changes.push(...page.changes);
  const rules = mergeRules(
    active.defaultProfile.rules as Record<RuleId, BaseSettings>,
    proposed.defaultProfile.rules as Record<RuleId, BaseSettings>,
    'defaultProfile.rules',
  );
  merged.defaultProfile = { rules: rules.value };
  changes.push(...rules.changes);
  const overrides = mergeOverrides(active, proposed, rules.value);
  merged.accountOverrides = overrides.value;
  changes.push(...overrides.changes);
  const next = merged as GuardConfig;
  const loosens = changes.some((c) => c.kind === 'loosen');
  return {
    active: next,
    pending: loosens ? { config: proposed, effectiveAt: input.nextReset, changes } : null,
    changes,
  };
}

/** At (or after) the reset the pending config becomes the active one. */
export function promotePending(input: { active: GuardConfig; pending: PendingConfig | null; now: number }): {
  active: GuardConfig;
  pending: PendingConfig | null;
  promoted: boolean;
} {
  const { pending } = input;
  if (!pending || input.now < pending.effectiveAt) return { active: input.active, pending, promoted: false };
  return { active: pending.config, pending: null, promoted: true };
}
