import { HttpTransportType, type HubConnection, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

/**
 * The benchmark's yardstick: the least a client can do to close a position that breaks a
 * max-contracts limit. Bare @microsoft/signalr + fetch, in Node, no guard: log in, subscribe
 * to the account's positions, and on a GatewayUserPosition above the limit POST closeContract
 * at once. No parsing beyond two fields, no persistence, no rate limiting, no re-reads: what
 * the guard does on top of this is what the ratio in tests/bench/browser.ts prices.
 */

export interface ReferenceClient {
  /** closeContract calls sent so far. */
  closes(): number;
  stop(): Promise<void>;
}

export interface ReferenceClientOptions {
  restUrl: string;
  userHubUrl: string;
  userName: string;
  apiKey: string;
  accountId: number;
  maxContracts: number;
  /** Told after each close has been sent (the separate-process runner reports it to its parent). */
  onClose?: () => void;
}

export async function startReferenceClient(o: ReferenceClientOptions): Promise<ReferenceClient> {
  const login = await fetch(`${o.restUrl}/api/Auth/loginKey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: o.userName, apiKey: o.apiKey }),
  });
  const { token } = (await login.json()) as { token?: unknown };
  if (typeof token !== 'string') throw new Error('reference client: login failed');
  const hub: HubConnection = new HubConnectionBuilder()
    .withUrl(o.userHubUrl, {
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
      accessTokenFactory: () => token,
    })
    .configureLogging(LogLevel.None)
    .build();
  const closing = new Set<string>();
  let closes = 0;
  hub.on('GatewayUserPosition', (data: { accountId?: unknown; contractId?: unknown; size?: unknown }) => {
    if (data.accountId !== o.accountId || typeof data.contractId !== 'string' || typeof data.size !== 'number') return;
    const contractId = data.contractId;
    if (Math.abs(data.size) <= o.maxContracts) {
      if (data.size === 0) closing.delete(contractId);
      return;
    }
    if (closing.has(contractId)) return; // one close per breach, like the guard
    closing.add(contractId);
    closes += 1;
    void fetch(`${o.restUrl}/api/Position/closeContract`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ accountId: o.accountId, contractId }),
    })
      .then((r) => r.text())
      .catch(() => closing.delete(contractId));
    o.onClose?.();
  });
  await hub.start();
  await hub.invoke('SubscribePositions', o.accountId);
  return {
    closes: () => closes,
    stop: () => hub.stop(),
  };
}
