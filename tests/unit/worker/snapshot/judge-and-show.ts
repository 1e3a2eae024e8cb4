import type { GuardView } from '../../../../src/core/guard/guard';
import { type GuardConfig, parseConfig } from '../../../../src/core/rules/config/config-schema';
import { createRuleEngine } from '../../../../src/core/rules/engine/engine';
import { type EngineMemory, emptyEngineMemory } from '../../../../src/core/rules/rule-memory';
import type { AccountState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import type { Meter } from '../../../../src/messaging/snapshot';
import { buildSnapshot } from '../../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../../src/worker/snapshot/pnl-series';
import { ACCOUNT, DAY, guardState, NOW, tick } from '../../core/rules/fixtures';
import { sampleView } from '../fixtures';

/** The meter specs' one step: the rule engine and the snapshot, on the same account state. */

/** The account the rule fixtures' orders, trades and positions belong to. */
export const ID = ACCOUNT;
const engine = createRuleEngine();
/** Every level warns, so each figure under its limit comes back in a warning's figures. */
export const WARN_ALWAYS = [0.001];

function config(rules: Record<string, Record<string, unknown>>): GuardConfig {
  const r = parseConfig({ defaultProfile: { rules } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

export const at = (msAgo: number) => new Date(NOW - msAgo).toISOString();

export interface Seen {
  meter: Meter | undefined;
  figures: Array<Record<string, unknown>>;
  noted: Array<Record<string, unknown>>;
  memory: EngineMemory;
}

/** Runs the engine on `event`, then builds the snapshot from the memory it left: what the rule decided, what the popup shows. */
export function judgeAndShow(
  ruleId: string,
  rules: Record<string, Record<string, unknown>>,
  account: AccountState,
  options: { prices?: Record<string, number>; event?: DomainEvent; memory?: EngineMemory } = {},
): Seen {
  const cfg = config(rules);
  const state = guardState([account], options.prices ?? {});
  const result = engine.evaluate({
    config: cfg,
    state,
    memory: options.memory ?? emptyEngineMemory(),
    event: options.event ?? tick(),
    now: NOW,
    tradingDay: DAY,
  });
  const view: GuardView = sampleView({
    config: cfg,
    state,
    now: NOW,
    tradingDay: DAY,
    ruleMemory: (id) => result.memory.accounts[String(id)],
  });
  const shown = buildSnapshot(view, createPnlSeries()).accounts.find((a) => a.id === ID);
  return {
    meter: shown?.meters.find((m) => m.ruleId === ruleId),
    figures: result.decisions.filter((d) => d.ruleId === ruleId).map((d) => d.figures as Record<string, unknown>),
    noted: result.notes.filter((n) => n.ruleId === ruleId).map((n) => n.figures),
    memory: result.memory,
  };
}
