import { z } from 'zod';
import { PositionType } from '../gateway/enums';
import type { Decision } from './decision';
import { enforcement, type Rule, releaseClosedPositions } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { ManagedPosition } from './rule-memory';
import { closingSide, protectiveStops } from './stops';
import { fieldwise } from './tightness';

/**
 * Rule 12 (not a limit): after +X ticks put the stop at entry ± offset (breakeven); after
 * +Y ticks trail it Z ticks behind the best price seen. Emits 'protect-stop' with the stop
 * price wanted; the enforcer keeps ONE stop per position and never loosens it. The best
 * price lives in memory (per contract, reset when the position id or side changes).
 */

const ticks = (label: string, fallback: number | null, help: string) =>
  z.number().int().min(0).max(10_000).nullable().default(fallback).meta({ label, unit: 'ticks', help });

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    breakevenAfterTicks: ticks('Breakeven after', 20, 'Move the stop to entry once this far in profit (empty: off)'),
    breakevenOffsetTicks: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(1)
      .meta({ label: 'Breakeven offset', unit: 'ticks' }),
    trailAfterTicks: ticks('Trail after', null, 'Start trailing once this far in profit (empty: off)'),
    trailDistanceTicks: z
      .number()
      .int()
      .positive()
      .max(10_000)
      .default(20)
      .meta({ label: 'Trail distance', unit: 'ticks' }),
  })
  .prefault({});

export type TradeManagementSettings = z.infer<typeof schema>;
const ID = 'tradeManagement';
// Protection that starts later, sits lower or trails further behind is looser.
const tightness = {
  ...BLOCK_TIGHTNESS,
  breakevenAfterTicks: 'higher-looser',
  breakevenOffsetTicks: 'lower-looser',
  trailAfterTicks: 'higher-looser',
  trailDistanceTicks: 'higher-looser',
} as const;

export const tradeManagementRule: Rule<TradeManagementSettings> = {
  id: ID,
  name: 'Trade management',
  description: 'Moves the stop to breakeven after a gain and trails it behind the best price; never loosens a stop.',
  unit: 'ticks',
  settingsSchema: schema,
  ...fieldwise<TradeManagementSettings>(tightness),
  listensTo: ['quote', 'position', 'order'],
  evaluate(ctx) {
    const s = ctx.settings;
    const out: Decision[] = [];
    if (ctx.event.kind === 'position') {
      for (const c of Object.keys(ctx.memory.managed)) if (!ctx.account.positions[c]) delete ctx.write().managed[c];
      releaseClosedPositions(ctx, `${ID}|`);
    }
    const only = ctx.event.kind === 'quote' ? ctx.event.contractId : null;
    for (const contractId in ctx.account.positions) {
      if (only !== null && contractId !== only) continue;
      const p = ctx.account.positions[contractId];
      const contract = ctx.market.contracts[contractId];
      const price = ctx.market.prices[contractId];
      if (!p || !contract || !price) continue;
      const long = p.type !== PositionType.Short;
      let m: ManagedPosition | undefined = ctx.memory.managed[contractId];
      if (!m || m.positionId !== p.id || m.type !== p.type) {
        m = { positionId: p.id, type: p.type, best: price.price };
        ctx.write().managed[contractId] = m;
      } else if (long ? price.price > m.best : price.price < m.best) {
        m = { ...m, best: price.price };
        ctx.write().managed[contractId] = m;
      }
      const tick = contract.tickSize;
      const gainTicks = (long ? m.best - p.averagePrice : p.averagePrice - m.best) / tick + 1e-9;
      let wanted: number | null = null;
      const tighter = (a: number | null, b: number) => (a === null ? b : long ? Math.max(a, b) : Math.min(a, b));
      if (s.breakevenAfterTicks !== null && gainTicks >= s.breakevenAfterTicks) {
        const offset = s.breakevenOffsetTicks * tick;
        wanted = tighter(wanted, long ? p.averagePrice + offset : p.averagePrice - offset);
      }
      if (s.trailAfterTicks !== null && gainTicks >= s.trailAfterTicks) {
        const dist = s.trailDistanceTicks * tick;
        wanted = tighter(wanted, long ? m.best - dist : m.best + dist);
      }
      if (wanted === null) continue;
      // On the tick grid, rounded away from the market so it never triggers by rounding.
      const steps = wanted / tick;
      wanted = (long ? Math.floor(steps + 1e-9) : Math.ceil(steps - 1e-9)) * tick;
      wanted = Math.round(wanted * 1e9) / 1e9;
      const stops = protectiveStops(ctx.account, p);
      let existing: number | null = null;
      let existingId: number | null = null;
      for (const o of stops) {
        const sp = o.stopPrice;
        if (sp === null || sp === undefined) continue;
        if (existing === null || (long ? sp > existing : sp < existing)) {
          existing = sp;
          existingId = o.id;
        }
      }
      if (existing !== null && (long ? existing >= wanted - 1e-9 : existing <= wanted + 1e-9)) continue;
      const key = `${ID}|${contractId}`;
      const last = ctx.memory.latches[key];
      if (last && last.sig === `${p.id}@${wanted}`) continue;
      ctx.write().latches[key] = { sig: `${p.id}@${wanted}`, until: 0 };
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'protect-stop', contractId, stopPrice: wanted, size: Math.abs(p.size), side: closingSide(p) },
          existing === null ? `Place a protective stop at ${wanted}` : `Tighten the stop from ${existing} to ${wanted}`,
          {
            contractId,
            entry: p.averagePrice,
            best: m.best,
            stopPrice: wanted,
            existingStop: existing,
            existingStopOrderId: existingId,
          },
        ),
      );
    }
    return out;
  },
};
