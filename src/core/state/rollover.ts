import type { AccountState, GuardState } from './account-state';
import type { StateEffect } from './effects';

/**
 * Day rollover: when an event reaches a trading day later than the state's, every account's
 * daily figures start again (trades, gross realized P&L, fees, commissions). Open positions and working
 * orders carry over: they are still there after the reset. This also covers a worker that
 * slept across the reset: its first event after waking (or the wake-up 'tick') rolls it.
 *
 * Version keys are pruned here so they stay bounded: keys of live entities stay, and so do
 * keys touched since `keepSince` (the start of the day that just ended), so a late replay of
 * yesterday's last fills and cancels is still recognised as stale; anything older goes.
 * (Order keys are tombstones of ended orders; live orders carry their own timestamp.)
 */
export function rollover(state: GuardState, day: string, keepSince: () => number, effects: StateEffect[]): GuardState {
  const known = state.tradingDay;
  if (known !== undefined && day <= known) return state;
  let accounts = state.accounts;
  let since: number | undefined;
  for (const [id, account] of Object.entries(state.accounts)) {
    if (account.tradingDay >= day) continue;
    if (accounts === state.accounts) accounts = { ...state.accounts };
    since ??= keepSince();
    accounts[id] = rollAccount(account, day, since);
    effects.push({ kind: 'day-rolled', accountId: account.account.id, from: account.tradingDay, to: day });
  }
  return { ...state, accounts, tradingDay: day };
}

export function rollAccount(account: AccountState, day: string, keepSince: number): AccountState {
  const versions: Record<string, number> = {};
  for (const [key, value] of Object.entries(account.versions)) {
    if (value >= keepSince || isLive(account, key)) versions[key] = value;
  }
  return { ...account, tradingDay: day, trades: {}, grossRealizedPnl: 0, fees: 0, commissions: 0, versions };
}

function isLive(account: AccountState, key: string): boolean {
  const id = key.slice(2);
  if (key.startsWith('o:')) return id in account.orders;
  if (key.startsWith('p:')) return id in account.positions;
  return false;
}
