import type { Account, Order, Position, Trade } from '../../../../src/core/gateway/schemas';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createReconciler, type ReconcilerApi } from '../../../../src/core/realtime/reconciler';
import { type AccountState, createAccountState, type GuardState } from '../../../../src/core/state/account-state';

/** Shared setup for the reconciler suites: REST truth behind a fake API, guard state builders, a reconciler. */

export const NOW = Date.UTC(2026, 10, 25, 18, 0, 0);
export const RESET = Date.UTC(2026, 10, 24, 23, 0, 0); // 17:00 CT the day before
export const MNQ = 'CON.F.US.MNQ.U25';
export const ES = 'CON.F.US.EP.U25';

export const account: Account = { id: 7, name: 'A', balance: 50_000, canTrade: true, isVisible: true };
export const position = (contractId: string, size: number, averagePrice = 100): Position => ({
  id: contractId.length,
  accountId: 7,
  contractId,
  creationTimestamp: '2026-11-25T15:00:00Z',
  type: size >= 0 ? 1 : 2,
  size: Math.abs(size),
  averagePrice,
});
export const order = (id: number, status = 1, extra: Partial<Order> = {}): Order => ({
  id,
  accountId: 7,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  updateTimestamp: '2026-11-25T15:00:00Z',
  status,
  type: 1,
  side: 0,
  size: 1,
  limitPrice: 100,
  ...extra,
});
export const trade = (id: number, pnl: number | null = null): Trade => ({
  id,
  accountId: 7,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  price: 100,
  profitAndLoss: pnl,
  fees: 0.37,
  side: 0,
  size: 1,
  voided: false,
  orderId: id,
});

export function accountState(parts: Partial<AccountState> = {}): AccountState {
  return { ...createAccountState(account, '2026-11-25'), ...parts };
}

export function guardState(accounts: Record<string, AccountState>): GuardState {
  const hub = { status: 'connected' as const, since: 0, lastMessageAt: null, stale: false };
  return { accounts, contracts: {}, prices: {}, health: { user: hub, market: hub, token: 'valid', blindSince: null } };
}

export interface Truth {
  accounts: Account[];
  positions: Position[];
  open: Order[];
  all: Order[];
  trades: Trade[];
}

function fakeApi(truth: Truth) {
  const calls: Array<{ endpoint: string; body: unknown; lane: unknown }> = [];
  let gate: Promise<void> = Promise.resolve();
  const log = async (endpoint: string, body: unknown, lane: unknown) => {
    calls.push({ endpoint, body, lane });
    await gate;
  };
  const api: ReconcilerApi = {
    async searchAccounts(body, ctx) {
      await log('accounts', body, ctx?.lane);
      return truth.accounts;
    },
    async searchOpenPositions(body, ctx) {
      await log('positions', body, ctx?.lane);
      return truth.positions.filter((p) => p.accountId === body.accountId);
    },
    async searchOpenOrders(body, ctx) {
      await log('openOrders', body, ctx?.lane);
      return truth.open.filter((o) => o.accountId === body.accountId);
    },
    async searchOrders(body, ctx) {
      await log('orders', body, ctx?.lane);
      return truth.all.filter((o) => o.accountId === body.accountId);
    },
    async searchTrades(body, ctx) {
      await log('trades', body, ctx?.lane);
      return truth.trades.filter((t) => t.accountId === body.accountId);
    },
    async contractById() {
      throw new Error('not used');
    },
  };
  return {
    api,
    calls,
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = Promise.resolve();
        release();
      };
    },
  };
}

export function setup(truth: Partial<Truth>, state: GuardState) {
  const t: Truth = { accounts: [account], positions: [], open: [], all: [], trades: [], ...truth };
  const fake = fakeApi(t);
  const journal = createMemoryJournal();
  const reconciler = createReconciler({
    api: fake.api,
    clock: { now: () => NOW },
    tradingDay: { previousReset: () => RESET },
    getState: () => state,
    journal,
  });
  return { reconciler, journal, fake, truth: t };
}
