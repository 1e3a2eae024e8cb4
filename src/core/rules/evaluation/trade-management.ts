import { PositionType } from '../../gateway/enums';
import { type TradeManagementSettings, tradeManagementEntry } from '../catalog/trade-management';
import type { Decision } from '../decision';
import { closingSide, tightestStop } from '../measures/stops';
import type { Rule, RuleContext } from '../rule';
import type { ManagedPosition } from '../rule-memory';
import { enforcement, NO_DECISIONS } from './decide';

/**
 * `tradeManagement` (docs/rules.md; not a limit): after +X ticks put the stop at entry ± offset
 * (breakeven); after +Y ticks trail it Z ticks behind the best price seen. Emits 'protect-stop'
 * with the stop price wanted; the enforcer keeps ONE stop per position and never loosens it.
 * The best price lives in memory once protection is armed (per contract, dropped when the
 * position id or side changes).
 */

const ID = tradeManagementEntry.id;

const EPS = 1e-9;

/** The protect-stop decision one position needs now, or null. Allocation-free when none. */
function manage(ctx: RuleContext<TradeManagementSettings>, contractId: string, onQuote: boolean): Decision | null {
  const s = ctx.settings;
  const p = ctx.account.positions[contractId];
  const contract = ctx.market.contracts[contractId];
  const quote = ctx.market.prices[contractId];
  if (!p || !contract || !quote) return null;
  const long = p.type !== PositionType.Short;
  const tick = contract.tickSize;
  const price = quote.price;
  const gainNow = (long ? price - p.averagePrice : p.averagePrice - price) / tick + EPS;
  let m: ManagedPosition | undefined = ctx.memory.managed[contractId];
  if (m && (m.positionId !== p.id || m.type !== p.type)) {
    // Another position (reversed, or closed and reopened): its best price means nothing here.
    delete ctx.write().managed[contractId];
    m = undefined;
  }
  const beReached = s.breakevenAfterTicks !== null && (gainNow >= s.breakevenAfterTicks || m?.breakeven === true);
  const trailOn = s.trailAfterTicks !== null && (gainNow >= s.trailAfterTicks || m !== undefined);
  if (!beReached && !trailOn) return null;
  const best = m === undefined ? price : trailOn && (long ? price > m.best : price < m.best) ? price : m.best;
  let wanted = Number.NaN;
  if (beReached) {
    const offset = s.breakevenOffsetTicks * tick;
    wanted = long ? p.averagePrice + offset : p.averagePrice - offset;
  }
  if (trailOn && s.trailAfterTicks !== null) {
    const bestGain = (long ? best - p.averagePrice : p.averagePrice - best) / tick + EPS;
    if (bestGain >= s.trailAfterTicks) {
      const trail = long ? best - s.trailDistanceTicks * tick : best + s.trailDistanceTicks * tick;
      if (Number.isNaN(wanted) || (long ? trail > wanted : trail < wanted)) wanted = trail;
    }
  }
  if (Number.isNaN(wanted)) return null;
  // On the tick grid, rounded away from the market so rounding never triggers it.
  const steps = wanted / tick;
  wanted = Math.round((long ? Math.floor(steps + EPS) : Math.ceil(steps - EPS)) * tick * 1e9) / 1e9;
  // On a quote, a stop price already asked for is not asked again; order and position
  // events (a stop placed, moved or cancelled) look at the stops afresh.
  const repeat = onQuote && m !== undefined && m.lastWanted === wanted;
  const existing = repeat ? null : tightestStop(ctx.account, p);
  const existingPrice = existing?.stopPrice ?? null;
  const satisfied =
    repeat || (existingPrice !== null && (long ? existingPrice >= wanted - EPS : existingPrice <= wanted + EPS));
  if (m === undefined || m.best !== best || m.breakeven !== beReached || m.lastWanted !== wanted) {
    m = { positionId: p.id, type: p.type, best, breakeven: beReached, lastWanted: wanted };
    ctx.write().managed[contractId] = m;
  }
  if (satisfied) return null;
  return enforcement(
    ctx,
    ID,
    { type: 'protect-stop', contractId, stopPrice: wanted, size: Math.abs(p.size), side: closingSide(p) },
    existingPrice === null
      ? `Place a protective stop at ${wanted}`
      : `Tighten the stop from ${existingPrice} to ${wanted}`,
    {
      contractId,
      entry: p.averagePrice,
      best,
      stopPrice: wanted,
      existingStop: existingPrice,
      existingStopOrderId: existing?.id ?? null,
    },
  );
}

export const tradeManagementRule: Rule<TradeManagementSettings> = {
  ...tradeManagementEntry,
  listensTo: ['quote', 'position', 'order', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    if (s.breakevenAfterTicks === null && s.trailAfterTicks === null) return NO_DECISIONS;
    const event = ctx.event;
    if (event.kind === 'quote') {
      const d = manage(ctx, event.contractId, true);
      return d ? [d] : NO_DECISIONS;
    }
    if (event.kind === 'position') {
      for (const c of Object.keys(ctx.memory.managed)) if (!ctx.account.positions[c]) delete ctx.write().managed[c];
    }
    let out: Decision[] | null = null;
    for (const contractId in ctx.account.positions) {
      const d = manage(ctx, contractId, false);
      if (d) {
        out ??= [];
        out.push(d);
      }
    }
    return out ?? NO_DECISIONS;
  },
};
