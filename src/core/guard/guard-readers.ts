import type { GatewayApi } from '../gateway/api';
import type { Clock } from '../ports';
import { Lane } from '../resilience/lanes';
import type { PendingConfig } from '../rules/config/commitment-lock';
import type { GuardConfig } from '../rules/config/config-schema';
import type { GuardState } from '../state/account-state';
import type { PositionLot } from '../state/position-lots';
import type { ServerClock } from '../time/server-clock';

/**
 * Read adaptors between the guard's parts: each reads one part in the shape another asks
 * for. Nothing here decides; create-guard.ts passes them so its wiring stays free of logic.
 */

/** The copy-trading groups as account id lists (the lockout book locks a group together). */
export function accountGroupsIn(config: () => GuardConfig): () => number[][] {
  return () => config().accountGroups.map((g) => g.accountIds);
}

/** When each open position was opened and its lots, from state (the enforcer reduces the newest first). */
export function positionReadsIn(state: () => GuardState): {
  openedAt: (accountId: number, contractId: string) => number | undefined;
  lots: (accountId: number, contractId: string) => readonly PositionLot[] | undefined;
} {
  return {
    openedAt: (accountId, contractId) => state().accounts[String(accountId)]?.positionOpenedAt[contractId],
    lots: (accountId, contractId) => state().accounts[String(accountId)]?.positionLots?.[contractId],
  };
}

/** When the config changes the commitment lock holds back come into force, or null when none are held. */
export function pendingConfigAt(config: () => PendingConfig | null): () => number | null {
  return () => config()?.effectiveAt ?? null;
}

/** The trading day the state is in (an event may have moved it past the guard's clock). */
export function stateDayIn(state: () => GuardState): () => string | undefined {
  return () => state().tradingDay;
}

/** One cheap request to the server, on the routine lane: how the guard time asks the server (guard-time.ts). */
export function pingThrough(api: () => Pick<GatewayApi, 'ping'>): (signal: AbortSignal) => Promise<void> {
  return (signal) => api().ping({ lane: Lane.Routine, signal });
}

/**
 * A guard-time deadline on the local clock the scheduler counts on. Firing early is harmless:
 * the tick it causes re-arms whatever is still due.
 */
export function onLocalClock(time: ServerClock, local: Clock): (at: number) => number {
  return (at) => at - (time.latest() - local.now());
}

/** The token's expiry, null while none is known (the hubs renew before it). */
export function tokenExpiryOf(tokens: { expiresAt(): number | undefined }): () => number | null {
  return () => tokens.expiresAt() ?? null;
}
