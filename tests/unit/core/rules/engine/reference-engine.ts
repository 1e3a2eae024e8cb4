import type { BaseSettings } from '../../../../../src/core/rules/catalog/rule-entry';
import { effectiveRules, type GuardConfig, isMonitored } from '../../../../../src/core/rules/config/config-schema';
import type { Decision, Figures } from '../../../../../src/core/rules/decision';
import type { RuleNote } from '../../../../../src/core/rules/engine/engine';
import { mirrorGroupLockouts } from '../../../../../src/core/rules/engine/group-lockouts';
import { failureMessage, type RuleFailure } from '../../../../../src/core/rules/engine/rule-failures';
import { alignJudgement, settingsSignature, stampJudgement } from '../../../../../src/core/rules/engine/rule-judgement';
import { ALL_RULES } from '../../../../../src/core/rules/evaluation/all-rules';
import { computeUnrealized } from '../../../../../src/core/rules/measures/unrealized';
import type { RuleContext, TradingDayInfo, UnrealizedSummary } from '../../../../../src/core/rules/rule';
import {
  copyRuleMemory,
  type EngineMemory,
  emptyRuleMemory,
  type RuleMemory,
  removeIn,
  setIn,
} from '../../../../../src/core/rules/rule-memory';
import type { AccountState, GuardState } from '../../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../../src/core/state/events';

/**
 * The rule engine's contract evaluated the plain way, for equivalence tests of the optimized
 * engine: routing by Object.keys, a fresh context per account and rule, the account sum without
 * a focus (`unrealizedLoss` / `unrealizedProfitTarget` then look the quoted position up
 * themselves), no reuse at all.
 */

export interface Reference {
  decisions: Decision[];
  memory: EngineMemory;
  notes: RuleNote[];
  failures: RuleFailure[];
}
/** The engine's contract, evaluated the plain way. */
export function referenceEvaluate(
  cfg: GuardConfig,
  state: GuardState,
  memory: EngineMemory,
  event: DomainEvent,
  now: number,
  tradingDay: TradingDayInfo,
): Reference {
  const keys = Object.keys(state.accounts).filter((key) => {
    const a = state.accounts[key] as AccountState;
    switch (event.kind) {
      case 'account':
        return a.account.id === event.account.id;
      case 'order':
        return a.account.id === event.order.accountId;
      case 'position':
        return a.account.id === event.position.accountId;
      case 'trade':
        return a.account.id === event.trade.accountId;
      case 'quote':
        return a.positions[event.contractId] !== undefined;
      case 'contract':
        return a.positions[event.contract.id] !== undefined;
      default:
        return true;
    }
  });
  const decisions: Decision[] = [];
  const notes: RuleNote[] = [];
  const failures: RuleFailure[] = [];
  let accounts: Record<string, RuleMemory> | null = null;
  const options = {
    countFees: cfg.countFees,
    countCommissions: cfg.countCommissions,
    failClosed: cfg.failClosed,
    blindGraceSec: cfg.blindGraceSec,
  };
  for (const key of keys) {
    const account = state.accounts[key] as AccountState;
    const accountId = account.account.id;
    if (!isMonitored(cfg, accountId)) continue;
    const settingsById = effectiveRules(cfg, accountId) as unknown as Record<string, BaseSettings>;
    const enabled = ALL_RULES.filter((r) => {
      const s = settingsById[r.id];
      return s !== undefined && s.mode !== 'off';
    });
    const rules = enabled.filter((r) => r.listensTo.includes(event.kind));
    if (rules.length === 0) continue;
    const stored = memory.accounts[key];
    let base = stored ?? emptyRuleMemory(tradingDay.key);
    let draft: RuleMemory | null = null;
    if (stored && (stored.day !== tradingDay.key || event.kind === 'tick')) {
      let m: RuleMemory | null = null;
      if (stored.day !== tradingDay.key) {
        m = copyRuleMemory(stored);
        m.day = tradingDay.key;
        m.warned = {};
      }
      for (const [k, l] of Object.entries(stored.latches)) {
        if (l.until !== 0 && l.until <= now) {
          m ??= copyRuleMemory(stored);
          delete m.latches[k];
        }
      }
      if (m) base = draft = m;
    } else if (!stored) {
      draft = base;
    }
    const ctxFor = (rule: (typeof rules)[number]) => {
      const settings = settingsById[rule.id] as BaseSettings;
      const sig = settingsSignature(settings);
      const ctx: RuleContext<BaseSettings> & { memory: RuleMemory } = {
        accountId,
        account,
        market: state,
        settings,
        mode: settings.mode === 'monitor' ? 'monitor' : 'enforce',
        now,
        event,
        tradingDay,
        health: state.health,
        options,
        memory: draft ?? base,
        write() {
          if (!draft) {
            draft = copyRuleMemory(base);
            ctx.memory = draft;
          }
          stampJudgement(draft, rule, sig);
          return draft;
        },
        note(ruleId: string, figures: Figures) {
          notes.push({ ruleId, accountId, figures });
        },
        unrealized: (): UnrealizedSummary =>
          computeUnrealized(account, state, { knownTotal: 0, unknownContractId: null }),
      };
      return { ctx, sig };
    };
    // Every rule in force for the account judges afresh where its settings changed.
    for (const rule of enabled) {
      const { ctx, sig } = ctxFor(rule);
      alignJudgement(ctx, rule, sig);
    }
    for (const rule of rules) {
      const { ctx } = ctxFor(rule);
      const before = draft;
      try {
        decisions.push(...rule.evaluate(ctx));
        if (ctx.memory.failed[rule.id] !== undefined) {
          const w = ctx.write();
          w.failed = removeIn(w.failed, rule.id);
        }
      } catch (error) {
        if (before === null && draft !== null) {
          draft = null;
          ctx.memory = base;
        }
        if (ctx.memory.failed[rule.id] === undefined) {
          const message = failureMessage(error);
          const w = ctx.write();
          w.failed = setIn(w.failed, rule.id, { message, since: now });
          failures.push({ ruleId: rule.id, accountId, message, eventKind: event.kind });
        }
      }
    }
    if (draft) {
      accounts ??= { ...memory.accounts };
      accounts[key] = draft;
    }
  }
  const groups = new Map<number, number[]>();
  for (const g of cfg.accountGroups) for (const id of g.accountIds) groups.set(id, g.accountIds);
  return {
    decisions: decisions.length > 0 ? mirrorGroupLockouts(cfg, groups, state, decisions) : [],
    memory: accounts ? { ...memory, accounts } : memory,
    notes,
    failures,
  };
}
