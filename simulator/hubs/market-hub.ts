import { DomType } from '../../src/core/gateway/enums';
import type { SimContract } from '../catalogue';
import type { Touch } from '../prices';
import type { TimeFormatter } from '../time-format';
import type { HubConn, HubServer } from './hub-server';
import type { HubMethod } from './signalr-protocol';

/**
 * The market hub: quotes, trades and depth per contract, pushed on every price change as
 * `GatewayQuote(contractId, quote)`, `GatewayTrade(contractId, trades[])`,
 * `GatewayDepth(contractId, levels[])`.
 */
export function marketHubMethods(
  conn: HubConn,
  contracts: Map<string, SimContract>,
  onSubscribe: (conn: HubConn, contractId: string) => void,
): Record<string, HubMethod> {
  const contractArg = (args: unknown[]): string => {
    const id = args[0];
    if (typeof id !== 'string' || !contracts.has(id)) throw new Error(`Contract not found: ${String(id)}.`);
    return id;
  };
  const sub = (kind: string) => (args: unknown[]) => {
    const id = contractArg(args);
    conn.subscriptions.add(`${kind}:${id}`);
    onSubscribe(conn, id);
  };
  const unsub = (kind: string) => (args: unknown[]) => {
    conn.subscriptions.delete(`${kind}:${contractArg(args)}`);
  };
  return {
    SubscribeContractQuotes: sub('quotes'),
    UnsubscribeContractQuotes: unsub('quotes'),
    SubscribeContractTrades: sub('trades'),
    UnsubscribeContractTrades: unsub('trades'),
    SubscribeContractMarketDepth: sub('depth'),
    UnsubscribeContractMarketDepth: unsub('depth'),
  };
}

export function quoteOf(c: SimContract, t: Touch, fmt: TimeFormatter) {
  const ts = fmt.iso(t.at);
  const change = Number((t.last - t.open).toFixed(9));
  return {
    symbol: c.symbolId,
    symbolName: `/${c.name.slice(0, -2)}`,
    lastPrice: t.last,
    bestBid: t.bid,
    bestAsk: t.ask,
    change,
    changePercent: Number(((change / t.open) * 100).toFixed(4)),
    open: t.open,
    high: t.high,
    low: t.low,
    volume: t.volume,
    lastUpdated: ts,
    timestamp: ts,
  };
}

export function publishMarket(
  hubs: HubServer,
  c: SimContract,
  t: Touch,
  fmt: TimeFormatter,
  only?: { conn: HubConn; kind: 'quotes' },
): void {
  const quote = quoteOf(c, t, fmt);
  const ts = quote.timestamp;
  const trades = [{ symbolId: c.symbolId, price: t.last, timestamp: ts, type: 0, volume: 1 }];
  const depth = [
    { timestamp: ts, type: DomType.BestBid, price: t.bid, volume: 10, currentVolume: 10 },
    { timestamp: ts, type: DomType.BestAsk, price: t.ask, volume: 10, currentVolume: 10 },
  ];
  const targets = only ? [only.conn] : hubs.all('market');
  for (const conn of targets) {
    if (conn.subscriptions.has(`quotes:${c.id}`)) hubs.send(conn, 'GatewayQuote', [c.id, quote]);
    if (only) continue;
    if (conn.subscriptions.has(`trades:${c.id}`)) hubs.send(conn, 'GatewayTrade', [c.id, trades]);
    if (conn.subscriptions.has(`depth:${c.id}`)) hubs.send(conn, 'GatewayDepth', [c.id, depth]);
  }
}
