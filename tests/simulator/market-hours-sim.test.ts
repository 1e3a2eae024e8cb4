import type { HubConnection } from '@microsoft/signalr';
import { HubConnectionState } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { OrderSide, OrderStatus, OrderType } from '../../src/core/gateway/enums';
import { hub, login, post, waitUntil } from './test-kit';

const MNQ = 'CON.F.US.MNQ.Z26';
let sim: Simulator;
const conns: HubConnection[] = [];

afterEach(async () => {
  for (const c of conns.splice(0)) await c.stop().catch(() => {});
  await sim?.stop();
});

/** A simulator on a clock the test moves, starting at a Chicago wall time (CST, −06:00, in late November). */
async function at(iso: string, marketHours = true) {
  let clock = Date.parse(iso);
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 200, now: () => clock, marketHours });
  return {
    acct: sim.demo.accountIds[0] ?? 0,
    set: (next: string) => {
      clock = Date.parse(next);
    },
  };
}

const buy = (size = 1) => ({ contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size });

describe('market hours in the simulator (opt-in)', () => {
  it('is always open when not asked for, even on a Saturday', async () => {
    const { acct } = await at('2026-11-28T12:00:00-06:00', false);
    expect(sim.market.session()).toBe('open');
    sim.market.setPrice(MNQ, 25_000);
    sim.trader.placeOrder(acct, buy());
    expect(sim.ledger.truth(acct).positions).toHaveLength(1);
    const token = await login(sim);
    const conn = hub(sim.userHubUrl, () => token);
    conns.push(conn);
    await conn.start();
  });

  it('refuses place, close and partial close with errorCode 5 during the daily break, then trades again at 17:00 CT', async () => {
    const { acct, set } = await at('2026-11-24T15:59:00-06:00');
    sim.market.setPrice(MNQ, 25_000);
    sim.trader.placeOrder(acct, buy(2));
    const resting = sim.trader.placeOrder(acct, { ...buy(), type: OrderType.Limit, limitPrice: 24_900 });
    const token = await login(sim);

    set('2026-11-24T16:00:00.000-06:00');
    expect(sim.market.session()).toBe('break');
    const place = await post(sim, '/api/Order/place', { accountId: acct, ...buy() }, token);
    expect(place.status).toBe(200);
    expect(place.json).toEqual({
      orderId: null,
      success: false,
      errorCode: 5,
      errorMessage: 'Outside trading hours.',
    });
    const close = await post(sim, '/api/Position/closeContract', { accountId: acct, contractId: MNQ }, token);
    expect(close.json).toMatchObject({ success: false, errorCode: 5, errorMessage: 'Outside trading hours.' });
    const partial = await post(
      sim,
      '/api/Position/partialCloseContract',
      { accountId: acct, contractId: MNQ, size: 1 },
      token,
    );
    expect(partial.json).toMatchObject({ success: false, errorCode: 5 });
    expect(() => sim.trader.placeOrder(acct, buy())).toThrow(/\(5\).*Outside trading hours/);
    expect(() => sim.trader.closePosition(acct, MNQ)).toThrow(/\(5\)/);
    // A price through the resting limit fills nothing while closed.
    sim.market.setPrice(MNQ, 24_800);
    expect(sim.ledger.truth(acct).orders.find((o) => o.id === resting)?.status).toBe(OrderStatus.Open);
    expect(sim.ledger.truth(acct).positions).toMatchObject([{ size: 2 }]);
    // Refused closes are on the ledger, not applied, with their code; nothing over-closed.
    const closes = sim.ledger.entries({ accountId: acct, type: 'close-request' });
    expect(closes.map((e) => e.type === 'close-request' && [e.requestedSize, e.applied, e.errorCode])).toEqual([
      ['all', false, 5],
      [1, false, 5],
      ['all', false, 5],
    ]);
    expect(sim.ledger.overCloses()).toEqual([]);
    // Cancel still works (risk-reducing).
    const cancel = await post(sim, '/api/Order/cancel', { accountId: acct, orderId: resting }, token);
    expect(cancel.json).toMatchObject({ success: true });
    // The hubs stay up through the daily break.
    const conn = hub(sim.userHubUrl, () => token);
    conns.push(conn);
    await conn.start();

    set('2026-11-24T16:59:59.999-06:00');
    expect((await post(sim, '/api/Order/place', { accountId: acct, ...buy() }, token)).json?.errorCode).toBe(5);
    set('2026-11-24T17:00:00.000-06:00');
    expect(sim.market.session()).toBe('open');
    const closed = await post(sim, '/api/Position/closeContract', { accountId: acct, contractId: MNQ }, token);
    expect(closed.json).toMatchObject({ success: true, errorCode: 0 });
    expect(sim.ledger.truth(acct).positions).toEqual([]);
    const placed = await post(sim, '/api/Order/place', { accountId: acct, ...buy() }, token);
    expect(placed.json).toMatchObject({ success: true, orderId: expect.any(Number) });
  });

  it('closes the hubs from Friday 16:00 CT (existing connections too) and opens them at Sunday 17:00 CT', async () => {
    const { set } = await at('2026-11-27T15:59:00-06:00');
    const token = await login(sim);
    const conn = hub(sim.userHubUrl, () => token);
    conns.push(conn);
    let closedWith: Error | undefined;
    conn.onclose((e) => {
      closedWith = e;
    });
    await conn.start();

    set('2026-11-27T16:00:00.000-06:00');
    expect(sim.market.session()).toBe('weekend');
    await waitUntil(() => conn.state === HubConnectionState.Disconnected);
    expect(closedWith?.message).toContain('Hubs are closed (weekend).');
    const refused = hub(sim.userHubUrl, () => token);
    conns.push(refused);
    await expect(refused.start()).rejects.toThrow();
    // The operator's lever does not end the calendar's weekend.
    sim.faults.openHubs();
    set('2026-11-29T16:59:59.999-06:00');
    const sunday = await login(sim); // Friday's token has expired meanwhile (24 h)
    const early = hub(sim.userHubUrl, () => sunday);
    conns.push(early);
    await expect(early.start()).rejects.toThrow();
    const place = await post(sim, '/api/Order/place', { accountId: sim.demo.accountIds[0], ...buy() }, sunday);
    expect(place.json?.errorCode).toBe(5);

    set('2026-11-29T17:00:00.000-06:00');
    const back = hub(sim.userHubUrl, () => sunday);
    conns.push(back);
    await back.start(); // judged on the upgrade itself, no wait for the periodic check
    expect(sim.hubs.connections('user')).toHaveLength(1);
    const session = await fetch(`${sim.controlUrl}/session`, { method: 'POST' });
    expect(await session.json()).toEqual({ ok: true, result: { session: 'open' } });
  });

  it('keeps the weekend and a closeHubs() fault apart: each lifts only its own closure', async () => {
    const { set } = await at('2026-11-29T16:00:00-06:00'); // Sunday, weekend
    const token = await login(sim);
    sim.faults.closeHubs();
    set('2026-11-29T17:30:00-06:00'); // the weekend is over, the fault is not
    const conn = hub(sim.userHubUrl, () => token);
    conns.push(conn);
    await expect(conn.start()).rejects.toThrow();
    sim.faults.openHubs();
    await conn.start();
  });
});
