import type { Page, Worker } from '@playwright/test';
import { createPrng } from '../../../simulator/prng';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import type { Contract } from '../../../src/core/gateway/schemas';
import { connectThroughOptions } from './guard-setup';

/** Helpers for worker-lifetime.spec.ts: compare the guard with the simulator's ledger, drive a trader. */

/** The comparable picture of one account: positions, working orders, realized P&L, fees. */
export interface Picture {
  positions: string[];
  orders: string[];
  realized: string;
  fees: string;
  commissions: string;
}

const money = (n: number) => n.toFixed(2);

/** The same picture from the worker's guard (riskGuardDev exists in the local build only). */
export async function guardPicture(worker: Worker, accountId: number): Promise<Picture | null> {
  const raw = await worker.evaluate(async (id) => {
    const dev = (globalThis as unknown as { riskGuardDev?: { view(): Promise<unknown> } }).riskGuardDev;
    if (!dev) return null;
    const view = (await dev.view()) as {
      state: {
        accounts: Record<
          string,
          { positions: object; orders: object; grossRealizedPnl: number; fees: number; commissions?: number }
        >;
      };
    };
    const a = view.state.accounts[String(id)];
    return a
      ? {
          positions: Object.values(a.positions),
          orders: Object.values(a.orders),
          realized: a.grossRealizedPnl,
          fees: a.fees,
          commissions: a.commissions ?? 0,
        }
      : null;
  }, accountId);
  if (!raw) return null;
  type P = { contractId: string; type: number; size: number; averagePrice: number };
  type O = { id: number; contractId: string; status: number; side: number; size: number; limitPrice: number | null };
  return {
    positions: (raw.positions as P[])
      .map((p) => `${p.contractId} type=${p.type} size=${p.size} avg=${p.averagePrice}`)
      .sort(),
    orders: (raw.orders as O[])
      .map((o) => `#${o.id} ${o.contractId} status=${o.status} side=${o.side} size=${o.size} limit=${o.limitPrice}`)
      .sort(),
    realized: money(raw.realized),
    fees: money(raw.fees),
    commissions: money(raw.commissions),
  };
}

export async function userHubStatus(worker: Worker): Promise<string | null> {
  return worker.evaluate(async () => {
    const dev = (
      globalThis as unknown as { riskGuardDev?: { view(): Promise<{ health: { user: { status: string } } }> } }
    ).riskGuardDev;
    return dev ? (await dev.view()).health.user.status : null;
  });
}

/** A realm marker: a restarted worker is a new JS realm with a new time origin. */
export const realmOrigin = (worker: Worker) => worker.evaluate(() => performance.timeOrigin);

/** The helpers that read or drive the simulator of the running test (`current()` at call time). */
export function simulatorHelpers(current: () => Simulator) {
  /** Connect the way a new user does (options page), then close the page so nothing holds the worker. */
  async function connect(options: Page): Promise<void> {
    await connectThroughOptions(options, current());
  }

  function contract(symbol: string): Contract {
    const sim = current();
    const c = sim.contracts.find((x) => x.id.includes(`.${symbol}.`));
    if (!c) throw new Error(`no ${symbol} contract in the simulator`);
    return c;
  }

  function truthPicture(accountId: number): Picture {
    const sim = current();
    const t = sim.ledger.truth(accountId);
    return {
      positions: t.positions.map((p) => `${p.contractId} type=${p.type} size=${p.size} avg=${p.averagePrice}`).sort(),
      orders: t.openOrders
        .map((o) => `#${o.id} ${o.contractId} status=${o.status} side=${o.side} size=${o.size} limit=${o.limitPrice}`)
        .sort(),
      realized: money(t.realizedPnl),
      fees: money(t.fees),
      commissions: money(t.commissions),
    };
  }

  /** Hub connections of the demo user that subscribed to the account's orders (the guard's). */
  function guardConnections(accountId: number) {
    const sim = current();
    const conns = sim.hubs.connections().filter((c) => c.userName === sim.demo.userName);
    return {
      user: conns.filter((c) => c.hub === 'user' && c.subscriptions.includes(`orders:${accountId}`)).map((c) => c.id),
      market: conns.filter((c) => c.hub === 'market').map((c) => c.id),
      all: conns.map((c) => c.id),
    };
  }

  /**
   * The trader on the TopstepX page, busy: every 100 ms the price moves and the trader places
   * market and resting limit orders, cancels some, closes positions. Seeded, so a failure replays.
   */
  function startTraderStream(accountId: number, contracts: Contract[], seed: number) {
    const sim = current();
    const prng = createPrng(seed);
    const rnd = () => prng.next();
    let actions = 0;
    for (const c of contracts) sim.market.setPrice(c.id, c.id.includes('.MNQ.') ? 21000 : 6000);
    const timer = setInterval(() => {
      const c = contracts[Math.floor(rnd() * contracts.length)] as Contract;
      const price = sim.market.price(c.id) + (Math.floor(rnd() * 7) - 3) * c.tickSize;
      sim.market.setPrice(c.id, price);
      const r = rnd();
      const side = rnd() < 0.5 ? OrderSide.Bid : OrderSide.Ask;
      try {
        if (r < 0.4) {
          sim.trader.placeOrder(accountId, {
            contractId: c.id,
            type: OrderType.Market,
            side,
            size: 1 + Math.floor(rnd() * 2),
          });
        } else if (r < 0.65) {
          const away = (2 + Math.floor(rnd() * 4)) * c.tickSize;
          const limitPrice = side === OrderSide.Bid ? price - away : price + away;
          sim.trader.placeOrder(accountId, { contractId: c.id, type: OrderType.Limit, side, size: 1, limitPrice });
        } else if (r < 0.85) {
          const working = sim.ledger.truth(accountId).openOrders;
          const o = working[Math.floor(rnd() * working.length)];
          if (o) sim.trader.cancelOrder(accountId, o.id);
        } else {
          const open = sim.ledger.truth(accountId).positions;
          const p = open[Math.floor(rnd() * open.length)];
          if (p) sim.trader.closePosition(accountId, p.contractId);
        }
        actions += 1;
      } catch {
        // A rejected trader action (e.g. cancelling an order that just filled) is part of the stream.
      }
    }, 100);
    return {
      stop: () => {
        clearInterval(timer);
        return actions;
      },
    };
  }

  return { connect, contract, truthPicture, guardConnections, startTraderStream };
}
