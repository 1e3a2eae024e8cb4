import type { HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { FaultEffect, Simulator } from '../../../simulator/types';
import { hub, login, post, record, USER_EVENTS, waitUntil } from '../test-kit';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
const conns: HubConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop().catch(() => {});
  await sim?.stop();
});

async function subscribed(query = '') {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 100 });
  const token = await login(sim);
  const acct = sim.demo.accountIds[0] ?? 0;
  const conn = hub(sim.userHubUrl, () => token, query);
  conns.push(conn);
  const rec = record(conn, [...USER_EVENTS, 'GatewayLogout']);
  await conn.start();
  await conn.invoke('SubscribeAccounts');
  for (const m of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) await conn.invoke(m, acct);
  sim.market.setPrice(MNQ, 25_000);
  return { token, acct, conn, rec };
}

const buy = (acct: number) => sim.trader.placeOrder(acct, { contractId: MNQ, type: 2, side: 0, size: 1 });
const hasAccount = (e: { target: string }[]) => e.some((x) => x.target === 'GatewayUserAccount');
const addHubFault = (event: string, effect: FaultEffect) =>
  sim.faults.add({ target: { kind: 'hub', hub: 'user', event }, effect, schedule: { type: 'once' } });

describe('hub message faults', () => {
  it('drops and loses the targeted message and nothing else', async () => {
    for (const type of ['drop', 'lose'] as const) {
      const { acct, rec } = await subscribed();
      addHubFault('GatewayUserTrade', { type });
      buy(acct);
      await rec.waitFor(hasAccount);
      expect(rec.events.map((e) => e.target)).toEqual([
        'GatewayUserOrder',
        'GatewayUserOrder',
        'GatewayUserPosition',
        'GatewayUserAccount',
      ]);
      for (const c of conns.splice(0)) await c.stop();
      await sim.stop();
    }
  });

  it('duplicates a message', async () => {
    const { acct, rec } = await subscribed();
    addHubFault('GatewayUserTrade', { type: 'duplicate' });
    buy(acct);
    await rec.waitFor(hasAccount);
    const trades = rec.of('GatewayUserTrade');
    expect(trades).toHaveLength(2);
    expect(trades[0]).toEqual(trades[1]);
  });

  it('delays a message past the ones sent after it', async () => {
    const { acct, rec } = await subscribed();
    addHubFault('GatewayUserTrade', { type: 'delay', ms: 80 });
    buy(acct);
    await rec.waitFor((e) => e.some((x) => x.target === 'GatewayUserTrade'));
    expect(rec.events.map((e) => e.target).at(-1)).toBe('GatewayUserTrade');
    expect(rec.events.map((e) => e.target).indexOf('GatewayUserAccount')).toBeLessThan(4);
  });

  it('holds a message until release()', async () => {
    const { acct, rec } = await subscribed();
    addHubFault('GatewayUserPosition', { type: 'hold' });
    buy(acct);
    await rec.waitFor(hasAccount);
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.of('GatewayUserPosition')).toHaveLength(0);
    sim.faults.release();
    await rec.waitFor((e) => e.some((x) => x.target === 'GatewayUserPosition'));
    expect(rec.events.map((e) => e.target).at(-1)).toBe('GatewayUserPosition');
  });

  it('swaps a reordered message with the next one to the same connection', async () => {
    const { acct, rec } = await subscribed();
    addHubFault('GatewayUserTrade', { type: 'reorder' });
    buy(acct);
    await rec.waitFor(hasAccount);
    expect(rec.events.map((e) => e.target)).toEqual([
      'GatewayUserOrder',
      'GatewayUserOrder',
      'GatewayUserPosition',
      'GatewayUserTrade',
      'GatewayUserAccount',
    ]);
  });
});

describe('connection levers', () => {
  it('drops sockets abruptly and gracefully', async () => {
    const { conn } = await subscribed();
    let closedWith: Error | undefined;
    conn.onclose((e) => {
      closedWith = e;
    });
    expect(sim.faults.dropSockets({ hub: 'user' })).toBe(1);
    await waitUntil(() => closedWith !== undefined);
    expect(sim.hubs.connections('user')).toHaveLength(0);
    await conn.start();
    let graceful: Error | undefined;
    conn.onclose((e) => {
      graceful = e;
    });
    expect(sim.faults.dropSockets({ graceful: true, error: 'maintenance' })).toBe(1);
    await waitUntil(() => graceful !== undefined);
    expect(String(graceful?.message)).toContain('maintenance');
  });

  it('refuses new connections for a while', async () => {
    let t = Date.UTC(2026, 10, 25, 15);
    sim = await startSimulator({ priceTickMs: 0, now: () => t });
    const token = await login(sim);
    sim.faults.refuseConnections(5000, 'market');
    const c1 = hub(sim.marketHubUrl, () => token);
    conns.push(c1);
    await expect(c1.start()).rejects.toThrow();
    const u = hub(sim.userHubUrl, () => token);
    conns.push(u);
    await u.start();
    t += 6000;
    await c1.start();
    expect(sim.hubs.connections('market')).toHaveLength(1);
  });

  it('closes the hubs for the weekend and opens them again', async () => {
    const { conn, token } = await subscribed();
    let closed = false;
    conn.onclose(() => {
      closed = true;
    });
    sim.faults.closeHubs();
    await waitUntil(() => closed);
    const again = hub(sim.userHubUrl, () => token);
    conns.push(again);
    await expect(again.start()).rejects.toThrow();
    sim.faults.openHubs();
    await again.start();
    expect(sim.hubs.connections('user')).toHaveLength(1);
  });

  it('revokes tokens: REST answers 401 and the hub refuses the token', async () => {
    const { token } = await subscribed();
    sim.faults.revokeTokens('demo');
    expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status).toBe(401);
    const again = hub(sim.userHubUrl, () => token);
    conns.push(again);
    await expect(again.start()).rejects.toThrow();
    const fresh = await login(sim);
    expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, fresh)).status).toBe(200);
  });

  it('logs the user out: GatewayLogout on the hub, then 401 on REST', async () => {
    const { token, rec } = await subscribed();
    sim.faults.logout('demo');
    await rec.waitFor((e) => e.some((x) => x.target === 'GatewayLogout'));
    expect((await post(sim, '/api/Account/search', { onlyActiveAccounts: true }, token)).status).toBe(401);
  });

  it('setCanTrade(false) pushes the account, rejects new orders with code 4 and still lets positions close', async () => {
    const { token, acct, rec } = await subscribed();
    buy(acct);
    await rec.waitFor(hasAccount);
    sim.faults.setCanTrade(acct, false);
    await rec.waitFor((e) =>
      e.some((x) => x.target === 'GatewayUserAccount' && (x.args[0] as { canTrade: boolean }).canTrade === false),
    );
    const r = await post(
      sim,
      '/api/Order/place',
      { accountId: acct, contractId: MNQ, type: 2, side: 0, size: 1 },
      token,
    );
    expect(r.json).toMatchObject({ success: false, errorCode: 4 });
    const close = await post(sim, '/api/Position/closeContract', { accountId: acct, contractId: MNQ }, token);
    expect(close.json?.success).toBe(true);
    expect(sim.ledger.truth(acct).positions).toEqual([]);
    expect(sim.ledger.truth(acct).account.canTrade).toBe(false);
  });
});

describe('payload forms', () => {
  it('frames user events as documented, wrapped or account-prefixed', async () => {
    const { acct, rec } = await subscribed('?form=wrapped');
    buy(acct);
    await rec.waitFor(hasAccount);
    expect(rec.of('GatewayUserTrade')[0]?.[0]).toMatchObject({ action: 1, data: { accountId: acct } });
    sim.hubs.setPayloadForm('account-prefixed', 'user');
    expect(sim.hubs.connections('user')[0]?.form).toBe('account-prefixed');
    sim.market.setPrice(MNQ, 25_001);
    sim.trader.closePosition(acct, MNQ);
    await rec.waitFor((e) => e.filter((x) => x.target === 'GatewayUserTrade').length === 2);
    const args = rec.of('GatewayUserTrade')[1];
    expect(args?.[0]).toBe(acct);
    expect(args?.[1]).toMatchObject({ accountId: acct, profitAndLoss: 2 });
  });
});
