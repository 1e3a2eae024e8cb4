import { vi } from 'vitest';
import { createLossAudit } from '../../../../src/core/guard/loss-audit';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { systemTimers } from '../../../../src/core/ports';
import type { ReconcileResult } from '../../../../src/core/realtime/reconciler';
import { defaultConfig, type GuardConfig } from '../../../../src/core/rules/config/config-schema';
import type { TradingDayInfo } from '../../../../src/core/rules/rule';
import { emptyEngineMemory } from '../../../../src/core/rules/rule-memory';
import type { GuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent, EventSource } from '../../../../src/core/state/events';
import { accountState, guardState, NOW, trade } from '../realtime/reconciler-fixture';

/**
 * The daily loss audit on its own: a fake session stands for the reconciler (each call is one
 * audit read), fake timers for the gap. The account's daily loss is its gross realized P&L
 * (no costs in these states), judged by `dailyRealizedLoss` at a $200 limit unless said.
 */

export const DAY: TradingDayInfo = { key: '2026-11-25', start: NOW - 3_600_000, nextReset: NOW + 7_200_000 };

export function config(
  rule: { mode?: 'off' | 'monitor' | 'enforce'; limit?: number; warnAt?: number[] } = {},
): GuardConfig {
  const c = defaultConfig();
  c.defaultProfile.rules.dailyRealizedLoss = {
    ...c.defaultProfile.rules.dailyRealizedLoss,
    mode: rule.mode ?? 'enforce',
    limit: rule.limit ?? 200,
    ...(rule.warnAt ? { warnAt: rule.warnAt } : {}),
  };
  return c;
}

export function world(options: { loss: number; config?: GuardConfig; missed?: number; fail?: boolean }) {
  let state: GuardState = guardState({ '7': accountState({ grossRealizedPnl: -options.loss }) });
  let day = DAY;
  let running = true;
  const journal = createMemoryJournal();
  const reads: Array<{ reason: string; accountIds: readonly number[] | undefined; scope: string | undefined }> = [];
  let missed = options.missed ?? 0;
  let fail = options.fail ?? false;
  let current = options.config ?? config();
  const audit = createLossAudit({
    session: {
      reconcile: async (reason, accountIds, opts) => {
        reads.push({ reason, accountIds, scope: opts?.scope });
        if (fail) throw new Error('503');
        const trades = missed;
        missed = 0;
        return {
          events: [],
          summary: {
            reason,
            at: Date.now(),
            accounts: 1,
            missed: { accounts: 0, positions: 0, orders: 0, trades },
            failedAccounts: [],
          },
        } satisfies ReconcileResult;
      },
    },
    clock: { now: () => Date.now() },
    timers: systemTimers,
    journal,
    config: () => current,
    state: () => state,
    memory: emptyEngineMemory,
    tradingDay: () => day,
    running: () => running,
  });
  /** The account's day now stands at −`loss`, and an event about it arrives (from the hub unless said). */
  const event = (loss: number, source: EventSource = 'hub', kind: 'trade' | 'tick' = 'trade') => {
    const account = state.accounts['7'];
    if (account) state = { ...state, accounts: { '7': { ...account, grossRealizedPnl: -loss } } };
    const e: DomainEvent =
      kind === 'tick'
        ? { kind: 'tick', source: 'timer', receivedAt: Date.now() }
        : { kind: 'trade', source, receivedAt: Date.now(), trade: { ...trade(Date.now(), -1), accountId: 7 } };
    audit.onEvent(e);
  };
  return {
    audit,
    reads,
    journal,
    event,
    setState: (next: GuardState) => {
      state = next;
    },
    state: () => state,
    nextDay: (d: TradingDayInfo) => {
      day = d;
    },
    stopRunning: () => {
      running = false;
    },
    setConfig: (next: GuardConfig) => {
      current = next;
    },
    failReads: (on: boolean) => {
      fail = on;
    },
  };
}

/** Lets the fake session's promise and the audit's continuation run. */
export const settle = () => vi.advanceTimersByTimeAsync(0);
