import type { Contract } from '../core/gateway/schemas';
import { tickerOf } from '../core/gateway/symbols';

/**
 * The gateway's contracts as the symbols a trader types: one entry per ticker (every month of
 * NQ is "NQ"; the exchange code ENQ is "NQ" too), with the contract's description, sorted.
 */
export function contractSymbols(contracts: readonly Contract[]): { symbol: string; description: string }[] {
  const bySymbol = new Map<string, string>();
  for (const c of contracts) {
    const symbol = tickerOf(c.id);
    if (!bySymbol.has(symbol)) bySymbol.set(symbol, c.description ?? c.name);
  }
  return [...bySymbol]
    .map(([symbol, description]) => ({ symbol, description }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}
