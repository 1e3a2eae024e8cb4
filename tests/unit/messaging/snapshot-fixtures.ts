import type { AccountSnapshot, GuardSnapshot, HealthView } from '../../../src/messaging/snapshot';

/** Builders for GuardSnapshot in tests; every field explicit so each test states what differs. */
export const NOW = Date.UTC(2026, 10, 25, 15, 0, 0); // 09:00 Chicago

export function healthy(overrides: Partial<HealthView> = {}): HealthView {
  return {
    user: { status: 'connected', since: NOW - 60_000, lastMessageAt: NOW - 1000, stale: false },
    market: { status: 'connected', since: NOW - 60_000, lastMessageAt: NOW - 500, stale: false },
    token: 'valid',
    blindSince: null,
    ...overrides,
  };
}

export function account(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    id: 101,
    name: 'TOPX-50K-1',
    status: 'ok',
    lockouts: [],
    realizedPnl: 120,
    unrealizedPnl: -35.5,
    pnlSeries: [
      { t: NOW - 3_600_000, v: 0 },
      { t: NOW - 1_800_000, v: 80 },
      { t: NOW, v: 84.5 },
    ],
    openContracts: 2,
    contractLimit: 5,
    meters: [
      {
        ruleId: 'dailyRealizedLoss',
        name: 'Daily realized loss',
        value: 100,
        limit: 500,
        unit: 'USD',
        warnAt: [0.5, 0.8, 0.95],
        mode: 'enforce',
      },
    ],
    enforcement: { state: 'idle', message: null, since: null },
    group: null,
    ...overrides,
  };
}

export function snapshot(overrides: Partial<GuardSnapshot> = {}): GuardSnapshot {
  return {
    accounts: [account()],
    health: healthy(),
    pendingConfig: null,
    failClosed: true,
    credentials: { configured: true, userName: 'trader1' },
    generatedAt: NOW,
    ...overrides,
  };
}
