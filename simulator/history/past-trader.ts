import { OrderSide } from '../../src/core/gateway/enums';
import type { Trade } from '../../src/core/gateway/schemas';
import type { SimContract } from '../catalogue';
import type { Prng } from '../prng';
import { roundMoney, type TimeFormatter } from '../time-format';
import type { PastMarket } from './past-market';

/**
 * A plausible discretionary day trader, seeded: a handful of round trips a session, either
 * direction, held a few minutes to half an hour, filled at the past market's own prices. After
 * a loss they come back sooner, bigger and chasing (the entry takes the worst price of its
 * minute): the tilt that daily limits and cooldowns exist for, up to a size cap; a win resets
 * it. Fills and P&L follow the gateway's rules: the closing fill carries
 * (exit − entry) / tick × tick value × size, every fill pays fees and commissions.
 */

export interface TraderProfile {
  contractId: string;
  baseSize: number;
  /** Contracts added after each loss in a row. */
  tiltStep: number;
  maxSize: number;
  /** Round trips a session, inclusive range. */
  trips: [number, number];
}

const MINUTE = 60_000;
const QUARTER = 15_000;

export function tradePastSessions(options: {
  accountId: number;
  profile: TraderProfile;
  contract: SimContract;
  market: PastMarket;
  prng: Prng;
  fmt: TimeFormatter;
  ids: { trade: number; order: number };
}): Trade[] {
  const { accountId, profile, contract, market, prng, fmt, ids } = options;
  const out: Trade[] = [];
  const between = (lo: number, hi: number) => lo + Math.floor(prng.next() * (hi - lo + 1));
  const fill = (at: number, side: number, size: number, price: number, pnl: number | null): Trade => ({
    id: ids.trade++,
    accountId,
    contractId: contract.id,
    creationTimestamp: fmt.iso(at),
    price,
    profitAndLoss: pnl,
    fees: roundMoney(contract.feePerSide * size),
    commissions: roundMoney(contract.commissionPerSide * size),
    side,
    size,
    voided: false,
    orderId: ids.order++,
  });
  for (const s of market.sessions) {
    let size = profile.baseSize;
    let tilted = false;
    let t = s.open + between(3, 30) * MINUTE + between(1, 3) * QUARTER;
    const trips = between(profile.trips[0], profile.trips[1]);
    for (let n = 0; n < trips; n++) {
      const exitAt = t + between(2, 28) * MINUTE + between(0, 3) * QUARTER;
      if (exitAt >= s.close - 15 * MINUTE) break;
      const long = prng.next() < 0.5;
      const dir = long ? 1 : -1;
      if (tilted) t = chase(market, contract.id, t, dir);
      const entry = market.priceAt(contract.id, t);
      const exit = market.priceAt(contract.id, exitAt);
      if (entry === null || exit === null) break;
      const pnl = roundMoney(((exit - entry) / contract.tickSize) * contract.tickValue * size * dir);
      out.push(fill(t, long ? OrderSide.Bid : OrderSide.Ask, size, entry, null));
      out.push(fill(exitAt, long ? OrderSide.Ask : OrderSide.Bid, size, exit, pnl));
      const lost = pnl < 0;
      tilted = lost;
      size = lost ? Math.min(profile.maxSize, size + profile.tiltStep) : profile.baseSize;
      // After a loss they are back within minutes; after a win they wait.
      t = exitAt + (lost ? between(1, 6) : between(8, 45)) * MINUTE + between(0, 3) * QUARTER;
    }
  }
  return out;
}

/** The quarter-minute of `at`'s minute with the worst price to buy (dir 1) or sell (dir −1) at. */
function chase(market: PastMarket, contractId: string, at: number, dir: 1 | -1): number {
  const minute = Math.floor(at / MINUTE) * MINUTE;
  let best = at;
  let worst = market.priceAt(contractId, at);
  for (let q = 0; q < 4; q++) {
    const t = minute + q * QUARTER;
    const p = market.priceAt(contractId, t);
    if (p !== null && (worst === null || (p - worst) * dir > 0)) {
      worst = p;
      best = t;
    }
  }
  return best;
}
