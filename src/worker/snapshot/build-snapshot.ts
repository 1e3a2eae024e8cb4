import type { EnforcementStatus } from '../../core/enforce/enforcement-status';
import type { GuardView } from '../../core/guard/guard';
import type { Lockout } from '../../core/lockouts/lockout-record';
import { CATALOG } from '../../core/rules/catalog/rule-catalog';
import type { PendingConfig } from '../../core/rules/config/commitment-lock';
import { effectiveRules } from '../../core/rules/config/config-schema';
import { accountMeters } from '../../core/rules/engine/rule-meters';
import { openContracts, realizedPnl, unrealizedPnl } from '../../core/state/selectors';
import type {
  AccountSnapshot,
  EnforcementView,
  GuardSnapshot,
  LockoutView,
  PageHealth,
} from '../../messaging/snapshot';
import type { createPnlSeries } from './pnl-series';
import { deriveAccountStatus } from './snapshot-status';

const CONDITION_WORDS: Record<string, string> = {
  'can-trade': 'the platform allows trading again',
  'setting-changed': 'the setting is changed',
};

function lockoutView(l: Lockout): LockoutView {
  return {
    kind: l.kind,
    reason: l.reason,
    ruleId: l.ruleId,
    endsAt: l.end.type === 'at' ? l.end.at : null,
    ...(l.end.type === 'condition' ? { condition: CONDITION_WORDS[l.end.condition] ?? l.end.condition } : {}),
    ...(l.scope.type === 'symbol' ? { symbol: l.scope.root } : {}),
  };
}

function enforcementView(s: EnforcementStatus): EnforcementView {
  switch (s.state) {
    case 'enforcing':
      return { state: 'running', message: s.what, since: s.since };
    case 'failed':
      return { state: 'failed', message: `${s.what}: ${s.reason}`, since: s.since };
    case 'converged':
      return { state: 'idle', message: `${s.what}: done`, since: s.at };
    default:
      return { state: 'idle', message: null, since: null };
  }
}

/** What the views show of the commitment lock: only the loosening changes wait for the reset. */
export function pendingConfigView(pending: PendingConfig | null): GuardSnapshot['pendingConfig'] {
  if (!pending) return null;
  return {
    effectiveAt: pending.effectiveAt,
    changes: pending.changes.filter((c) => c.kind === 'loosen').map((c) => ({ path: c.path, from: c.from, to: c.to })),
  };
}

/**
 * GuardView → what the views render; the router strips anything the schema does not name.
 * Its one side effect: the account's P&L point is recorded in `series` for the sparkline.
 */
export function buildSnapshot(
  view: GuardView,
  series: ReturnType<typeof createPnlSeries>,
  options: { clockOffsetMs?: number; page?: PageHealth } = {},
): GuardSnapshot {
  const groupOf = new Map<number, string>();
  for (const g of view.config.accountGroups) for (const id of g.accountIds) groupOf.set(id, g.name);
  const accounts: AccountSnapshot[] = [];
  for (const account of Object.values(view.state.accounts)) {
    const id = account.account.id;
    const monitored = view.config.monitoredAccountIds === 'all' || view.config.monitoredAccountIds.includes(id);
    // A lockout outlives a setting (a "Lock me out" above all): a locked account stays shown,
    // and so blocked on the page, even once it is no longer monitored.
    const locked = view.lockouts.some(
      (l) => l.accountId === id && l.scope.type === 'account' && (l.end.type === 'condition' || l.end.at > view.now),
    );
    if ((!monitored && !locked) || account.account.isVisible === false) continue;
    const realized = realizedPnl(account, view.config);
    const unrealized = unrealizedPnl(account, view.state);
    series.record(id, account.tradingDay, view.now, realized + (unrealized ?? 0));
    const lockouts = view.lockouts
      .filter((l) => l.accountId === id && (l.end.type === 'condition' || l.end.at > view.now))
      .map(lockoutView);
    // The rules' own meters, read as they judge (src/core/rules/engine/rule-meters.ts).
    const ms = accountMeters(
      {
        config: view.config,
        state: view.state,
        memory: view.ruleMemory(id),
        now: view.now,
        tradingDay: view.tradingDay,
      },
      account,
    );
    const maxContracts = effectiveRules(view.config, id).maxContracts;
    accounts.push({
      id,
      name: account.account.name,
      status: deriveAccountStatus(lockouts, ms),
      lockouts,
      realizedPnl: realized,
      unrealizedPnl: unrealized,
      pnlSeries: series.points(id),
      openContracts: openContracts(account, maxContracts.counting),
      contractLimit: maxContracts.mode === 'off' ? null : maxContracts.limit,
      meters: ms,
      enforcement: enforcementView(view.enforcement(id)),
      group: groupOf.get(id) ?? null,
      ruleErrors: view.ruleFailures
        .filter((f) => f.accountId === id)
        .map((f) => ({
          ruleId: f.ruleId,
          name: (CATALOG as Record<string, { name: string } | undefined>)[f.ruleId]?.name ?? f.ruleId,
          message: f.message,
          since: f.since,
        })),
    });
  }
  accounts.sort((a, b) => a.id - b.id);
  return {
    accounts,
    health: view.health,
    storage: view.storage,
    pendingConfig: pendingConfigView(view.pending),
    failClosed: view.config.failClosed,
    credentials: view.credentials,
    pageSelectors: {
      cover: view.config.page.cover,
      keepUsable: view.config.page.keepUsable,
      accountPicker: view.config.page.accountPicker,
      contractPicker: view.config.page.contractPicker,
    },
    ...(options.page ? { page: options.page } : {}),
    payloads: { rejected: view.payloads.rejected, byKind: view.payloads.byKind },
    generatedAt: view.now,
    clock: view.clock,
    ...(options.clockOffsetMs ? { clockOffsetMs: options.clockOffsetMs } : {}),
  };
}
