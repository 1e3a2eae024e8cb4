import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_GAP_MS, createLossAudit, nearFraction } from '../../../../src/core/guard/loss-audit';
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

const DAY: TradingDayInfo = { key: '2026-11-25', start: NOW - 3_600_000, nextReset: NOW + 7_200_000 };

function config(rule: { mode?: 'off' | 'monitor' | 'enforce'; limit?: number; warnAt?: number[] } = {}): GuardConfig {
  const c = defaultConfig();
  c.defaultProfile.rules.dailyRealizedLoss = {
    ...c.defaultProfile.rules.dailyRealizedLoss,
    mode: rule.mode ?? 'enforce',
    limit: rule.limit ?? 200,
    ...(rule.warnAt ? { warnAt: rule.warnAt } : {}),
  };
  return c;
}

function world(options: { loss: number; config?: GuardConfig; missed?: number; fail?: boolean }) {
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
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the daily loss audit', () => {
  it('begins at the rule’s lowest warning level, never later than 80 % of the limit', () => {
    expect(nearFraction([0.5, 0.8, 0.95])).toBe(0.5);
    expect(nearFraction([0.9])).toBe(0.8);
    expect(nearFraction([0.3, 0.9])).toBe(0.3);
    expect(nearFraction([])).toBe(0.8);
  });

  it('reads the account’s trades (trades scope, that account only) when a trade brings the day’s loss into the near band', async () => {
    const w = world({ loss: 40 });
    w.event(120); // 60 % of $200, past the 50 % warning
    await settle();
    expect(w.reads).toEqual([{ reason: 'daily-loss-audit', accountIds: [7], scope: 'trades' }]);
    expect(w.audit.stats()).toEqual({ runs: 1, foundMissed: 0, missedTrades: 0, failed: 0 });
  });

  it('an account far from its limit causes no read, however many trades arrive', async () => {
    const w = world({ loss: 0 });
    for (let i = 1; i <= 20; i++) {
      w.event(4 * i); // up to $80: 40 % of $200
      await vi.advanceTimersByTimeAsync(20_000);
    }
    w.event(99, 'hub', 'tick');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(w.reads).toEqual([]);
    expect(w.audit.stats().runs).toBe(0);
  });

  it('reads nothing for a rule in monitor or off, however near (no lockout to get wrong)', async () => {
    for (const mode of ['monitor', 'off'] as const) {
      const w = world({ loss: 0, config: config({ mode }) });
      w.event(190);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(w.reads).toEqual([]);
    }
  });

  it('reads nothing at or past the limit: that is a breach, the enforcement acts and reconciles', async () => {
    const w = world({ loss: 0 });
    w.event(200);
    w.event(260);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.reads).toEqual([]);
  });

  it('follows the rule’s own warning levels: at [0.9] near begins at 80 %, at [0.3] at 30 %', async () => {
    const late = world({ loss: 0, config: config({ warnAt: [0.9] }) });
    late.event(159);
    await settle();
    expect(late.reads).toHaveLength(0);
    late.event(160);
    await settle();
    expect(late.reads).toHaveLength(1);

    const early = world({ loss: 0, config: config({ warnAt: [0.3] }) });
    early.event(59);
    await settle();
    expect(early.reads).toHaveLength(0);
    early.event(60);
    await settle();
    expect(early.reads).toHaveLength(1);
  });

  it('reads at most once per 30 s: trades within the gap wait for its end, then one read covers them', async () => {
    expect(AUDIT_GAP_MS).toBe(30_000);
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    expect(w.reads).toHaveLength(1);
    for (const loss of [130, 140, 150]) {
      await vi.advanceTimersByTimeAsync(9_000);
      w.event(loss);
    }
    await vi.advanceTimersByTimeAsync(2_999); // 29.999 s after the first read
    expect(w.reads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.reads).toHaveLength(2);
  });

  it('reads again after a new trade while near, and not at all without one', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    // Near, but nothing new from the hub: the day's trades stand confirmed.
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    w.event(120, 'hub', 'tick');
    await settle();
    expect(w.reads).toHaveLength(1);
    // A new trade while still near, long after the gap: read at once.
    w.event(125);
    await settle();
    expect(w.reads).toHaveLength(2);
  });

  it('what a reconcile fed in is not news from the hub: no read again for it', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    w.event(70, 'reconcile'); // the audit found a win: 35 %, far
    w.event(120, 'reconcile'); // a loss a reconcile found: near again, but nothing came from the hub
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(w.reads).toHaveLength(1);
  });

  it('a tick reads an account a tightened limit put near, once (the config change re-judges every account)', async () => {
    const w = world({ loss: 0, config: config({ limit: 500 }) });
    w.event(120); // 24 % of $500: far
    await settle();
    expect(w.reads).toHaveLength(0);
    w.setConfig(config({ limit: 200 }));
    w.event(120, 'hub', 'tick');
    await settle();
    expect(w.reads).toHaveLength(1);
    w.event(120, 'hub', 'tick');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.reads).toHaveLength(1);
  });

  it('counts a fill’s position or balance update as news too (its trade may be the message lost)', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    await vi.advanceTimersByTimeAsync(AUDIT_GAP_MS);
    const position = {
      id: 1,
      accountId: 7,
      contractId: 'CON.F.US.MNQ.U25',
      creationTimestamp: '2026-11-25T15:00:00Z',
      type: 1,
      size: 0,
      averagePrice: 100,
    };
    w.audit.onEvent({ kind: 'position', source: 'hub', receivedAt: Date.now(), position });
    await settle();
    expect(w.reads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(AUDIT_GAP_MS);
    const account = w.state().accounts['7']?.account;
    if (!account) throw new Error('no account');
    w.audit.onEvent({
      kind: 'account',
      source: 'hub',
      receivedAt: Date.now(),
      account: { ...account, balance: 49_000 },
    });
    await settle();
    expect(w.reads).toHaveLength(3);
  });

  it('reads again on the next trading day as soon as the account is near, new trade or not', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    vi.setSystemTime(NOW + 3_600_000);
    const next = { key: '2026-11-26', start: DAY.nextReset, nextReset: DAY.nextReset + 86_400_000 };
    w.nextDay(next);
    const account = w.state().accounts['7'];
    if (!account) throw new Error('no account');
    w.setState({ ...w.state(), accounts: { '7': { ...account, tradingDay: next.key } } });
    w.event(150, 'hub', 'tick');
    await settle();
    expect(w.reads).toHaveLength(2);
  });

  it('journals an audit that found missed trades and counts it', async () => {
    const w = world({ loss: 0, missed: 2 });
    w.event(131.86);
    await settle();
    expect(w.audit.stats()).toEqual({ runs: 1, foundMissed: 1, missedTrades: 2, failed: 0 });
    expect(w.journal.entries).toEqual([
      expect.objectContaining({
        kind: 'missed-event',
        accountId: 7,
        ruleId: 'dailyRealizedLoss',
        message: 'the daily loss audit fed in 2 trades the hub missed (it began at Daily loss $131.86 of $200)',
      }),
    ]);
  });

  it('after a failed read tries again once the gap is over while the account stays near', async () => {
    const w = world({ loss: 0, fail: true });
    w.event(150);
    await settle();
    expect(w.audit.stats()).toMatchObject({ runs: 1, failed: 1 });
    w.failReads(false);
    await vi.advanceTimersByTimeAsync(AUDIT_GAP_MS);
    expect(w.reads).toHaveLength(2);
    expect(w.audit.stats()).toMatchObject({ runs: 2, failed: 1 });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(w.reads).toHaveLength(2);
  });

  it('reads nothing without a token, and nothing once the guard stopped (its timer cleared)', async () => {
    const w = world({ loss: 0 });
    w.setState({ ...w.state(), health: { ...w.state().health, token: 'none' } });
    w.event(150);
    await settle();
    expect(w.reads).toHaveLength(0);

    const s = world({ loss: 0 });
    s.event(120);
    await settle();
    s.event(130); // waits for the gap's end
    s.audit.stop();
    s.stopRunning();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    s.event(140);
    await settle();
    expect(s.reads).toHaveLength(1);
  });

  it('also watches dailyNetLoss when it enforces (the realized part of its figure is the same trades)', async () => {
    const c = config({ mode: 'off' });
    c.defaultProfile.rules.dailyNetLoss = {
      ...c.defaultProfile.rules.dailyNetLoss,
      mode: 'enforce',
      firmLimit: 1000,
      buffer: 100,
    };
    const w = world({ loss: 0, config: c });
    w.event(400); // 44 % of $900
    await settle();
    expect(w.reads).toHaveLength(0);
    w.event(460); // 51 %
    await settle();
    expect(w.reads).toHaveLength(1);
  });
});
