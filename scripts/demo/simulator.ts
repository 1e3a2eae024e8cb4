import { startSimulator } from '../../simulator';
import type { LedgerEntry, Simulator } from '../../simulator/types';
import type { Contract } from '../../src/core/gateway/schemas';

/**
 * The simulator as the demo and the browser benchmark start it: the default demo user with
 * its two accounts, scripted prices only (no random walk, so every fill and P&L is exact),
 * server pings every 5 s (they keep an MV3 worker alive; see docs/testing.md), the
 * demo's clock; with `history`, a seeded month of past trading (the demo's replay step).
 */
export async function startDemoSimulator(now: () => number, options: { history?: boolean } = {}): Promise<Simulator> {
  return startSimulator({
    now,
    priceTickMs: 0,
    pingIntervalMs: 5_000,
    seed: 7,
    ...(options.history ? { history: { tradingDays: 22 } } : {}),
  });
}

/** The active (front-month) contract of a symbol root, e.g. 'EP' (ES) or 'MES'. */
export function frontContract(sim: Simulator, root: string): Contract {
  const c = sim.contracts.find((x) => x.activeContract && x.symbolId === `F.US.${root}`);
  if (!c) throw new Error(`the simulator lists no active ${root} contract`);
  return c;
}

export function lastSeq(sim: Simulator): number {
  return sim.ledger.entries().at(-1)?.seq ?? 0;
}

export type TradeEntry = Extract<LedgerEntry, { type: 'trade' }>;
export type CloseEntry = Extract<LedgerEntry, { type: 'close-request' }>;

export function tradesSince(sim: Simulator, accountId: number, seq: number): TradeEntry[] {
  return sim.ledger.entries({ accountId, type: 'trade', sinceSeq: seq }) as TradeEntry[];
}

export function closeRequestsSince(sim: Simulator, accountId: number, seq: number): CloseEntry[] {
  return sim.ledger.entries({ accountId, type: 'close-request', sinceSeq: seq }) as CloseEntry[];
}

/** The position of an account in words: 'flat' or 'long 2 CON.F.US.EP.Z26, short 1 ...'. */
export function describePositions(sim: Simulator, accountId: number): string {
  const t = sim.ledger.truth(accountId);
  const parts = t.positions.map((p) => `${p.type === 1 ? 'long' : 'short'} ${p.size} ${p.contractId}`);
  const orders = t.openOrders.length > 0 ? `, ${t.openOrders.length} working order(s)` : '';
  return `${parts.length === 0 ? 'flat' : parts.join(', ')}${orders}`;
}

/** Demo user's hub connections the simulator currently holds. */
export function userHubConnections(sim: Simulator): number {
  return sim.hubs.connections('user').filter((c) => c.userName === sim.demo.userName).length;
}
