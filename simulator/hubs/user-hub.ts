import type { Engine } from '../engine/engine';
import type { EngineEvent } from '../engine/state';
import type { HubConn, HubServer } from './hub-server';
import type { HubMethod } from './signalr-protocol';

/**
 * The user hub: per-connection subscriptions to accounts, orders, positions and trades of
 * the user's own accounts, and the fan-out of engine events in the order they happened.
 * Payload framing follows the connection's form: documented `(data)`, wrapped
 * `({action, data})` or account-prefixed `(accountId, data)`.
 */
const EVENT_TARGET: Record<EngineEvent['kind'], string> = {
  account: 'GatewayUserAccount',
  order: 'GatewayUserOrder',
  position: 'GatewayUserPosition',
  trade: 'GatewayUserTrade',
};

/** `action` in the wrapped form: 1 = added/changed (the only one the simulator sends). */
const WRAPPED_ACTION = 1;

export function userHubMethods(conn: HubConn, engine: Engine): Record<string, HubMethod> {
  const accountArg = (args: unknown[]): number => {
    const id = args[0];
    if (typeof id !== 'number' || !Number.isInteger(id)) throw new Error('accountId must be an integer.');
    const acct = engine.account(id);
    if (!acct || acct.userName !== conn.userName) throw new Error(`Unauthorized: account ${id}.`);
    return id;
  };
  const sub = (kind: string) => (args: unknown[]) => {
    conn.subscriptions.add(`${kind}:${accountArg(args)}`);
  };
  const unsub = (kind: string) => (args: unknown[]) => {
    conn.subscriptions.delete(`${kind}:${accountArg(args)}`);
  };
  return {
    SubscribeAccounts: () => {
      conn.subscriptions.add('accounts');
    },
    UnsubscribeAccounts: () => {
      conn.subscriptions.delete('accounts');
    },
    SubscribeOrders: sub('orders'),
    UnsubscribeOrders: unsub('orders'),
    SubscribePositions: sub('positions'),
    UnsubscribePositions: unsub('positions'),
    SubscribeTrades: sub('trades'),
    UnsubscribeTrades: unsub('trades'),
  };
}

export function publishUserEvent(hubs: HubServer, engine: Engine, event: EngineEvent): void {
  const owner = engine.account(event.accountId)?.userName;
  const key = event.kind === 'account' ? 'accounts' : `${event.kind}s:${event.accountId}`;
  const target = EVENT_TARGET[event.kind];
  for (const conn of hubs.all('user')) {
    if (conn.userName !== owner || !conn.subscriptions.has(key)) continue;
    const args =
      conn.form === 'wrapped'
        ? [{ action: WRAPPED_ACTION, data: event.data }]
        : conn.form === 'account-prefixed'
          ? [event.accountId, event.data]
          : [event.data];
    hubs.send(conn, target, args);
  }
}
