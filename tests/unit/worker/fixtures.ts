import type { EnforcementStatus } from '../../../src/core/enforce/enforcement-status';
import { PositionType } from '../../../src/core/gateway/enums';
import type { GuardView } from '../../../src/core/guard/guard';
import type { Lockout } from '../../../src/core/lockouts/lockout-record';
import { defaultConfig } from '../../../src/core/rules/config/config-schema';
import { createAccountState, createEmptyGuardState } from '../../../src/core/state/account-state';

export const NOW = Date.UTC(2026, 10, 25, 15, 0, 0);
export const MNQ = 'CON.F.US.MNQ.Z26';

/** A guard view with two accounts: 1 has a long 2 MNQ and a realized loss; 2 is flat. */
export function sampleView(overrides: Partial<GuardView> = {}): GuardView {
  const state = createEmptyGuardState(NOW);
  const a1 = createAccountState(
    { id: 1, name: 'COMBINE-1', balance: 50_000, canTrade: true, isVisible: true },
    '2026-11-25',
  );
  a1.grossRealizedPnl = -300;
  a1.fees = 2.96;
  a1.positions[MNQ] = {
    id: 9,
    accountId: 1,
    contractId: MNQ,
    creationTimestamp: '2026-11-25T14:00:00Z',
    type: PositionType.Long,
    size: 2,
    averagePrice: 21000,
  };
  a1.trades['5'] = {
    id: 5,
    accountId: 1,
    contractId: MNQ,
    creationTimestamp: '2026-11-25T14:00:00Z',
    price: 21000,
    profitAndLoss: -300,
    fees: 1.48,
    side: 1,
    size: 1,
    voided: false,
    orderId: 77,
  };
  const a2 = createAccountState(
    { id: 2, name: 'EXPRESS-2', balance: 150_000, canTrade: true, isVisible: true },
    '2026-11-25',
  );
  state.accounts = { '1': a1, '2': a2 };
  state.contracts[MNQ] = { id: MNQ, name: 'MNQZ6', tickSize: 0.25, tickValue: 0.5, activeContract: true };
  state.prices[MNQ] = { contractId: MNQ, price: 20990, at: NOW };
  const config = defaultConfig();
  config.defaultProfile.rules.dailyRealizedLoss = {
    ...config.defaultProfile.rules.dailyRealizedLoss,
    mode: 'enforce',
    limit: 500,
  };
  return {
    state,
    config,
    pending: null,
    lockouts: [],
    enforcement: (): EnforcementStatus => ({ state: 'idle' }),
    health: {
      user: { status: 'connected', since: NOW - 1000, lastMessageAt: NOW, stale: false },
      market: { status: 'connected', since: NOW - 1000, lastMessageAt: NOW, stale: false },
      token: 'valid',
      blindSince: null,
    },
    credentials: { configured: true, userName: 'demo' },
    tradingDay: { key: '2026-11-25', start: NOW - 3_600_000, nextReset: NOW + 7_200_000 },
    now: NOW,
    clock: { source: 'server', skewMs: 0, uncertaintyMs: 400 },
    parser: { accepted: 0, rejected: 0, ignored: 0, byReason: {}, byKind: {} },
    ruleFailures: [],
    ruleMemory: () => undefined,
    payloads: { rejected: 0, byReason: {}, byKind: {} },
    storage: { state: 'ok', since: null, lastError: null, quota: false, failedWrites: 0 },
    lossAudits: { runs: 0, foundMissed: 0, missedTrades: 0, failed: 0 },
    ...overrides,
  };
}

export function dailyLockout(accountId: number, end: number): Lockout {
  return {
    id: `l-${accountId}`,
    accountId,
    kind: 'lockout',
    scope: { type: 'account' },
    ruleId: 'dailyRealizedLoss',
    reason: 'Realized P&L -520 reached the daily loss limit 500',
    figures: {},
    start: NOW - 1000,
    end: { type: 'at', at: end, from: 'next-reset' },
    sourceAccountId: accountId,
  };
}
