import { z } from 'zod';
import type { Decision } from './decision';
import { executedOrders, orderResult } from './order-fills';
import { enforcement, money, type Rule, takeOnce } from './rule';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import { andList, countOf, sentence, usd } from './summary-words';
import { type FieldMerge, fieldwise } from './tightness';

/**
 * `cooldownAfterLoss` (docs/rules.md): one closed ORDER's loss (its closing fills summed, net
 * of fees when counted) at or past a tier's amount → cooldown for that tier's minutes from the
 * loss's own time; the largest matching tier wins. Option: N losing orders in a row → cooldown
 * from the last of them. Partial fills can push an order into a larger tier later: the cooldown
 * is then taken again for the larger tier.
 */

const tierSchema = z.strictObject({
  loss: z.number().positive().max(10_000_000).meta({ label: 'Loss of one order', unit: 'USD', widget: 'money' }),
  minutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .meta({ label: 'Pause for', unit: 'minutes' }),
});
export type LossTier = z.infer<typeof tierSchema>;

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: unusedWarnAt,
    tiers: z
      .array(tierSchema)
      .max(10)
      .default([
        { loss: 200, minutes: 15 },
        { loss: 400, minutes: 60 },
      ])
      .meta({ label: 'Pause by loss', help: 'The largest loss an order reaches sets the pause' }),
    streak: z
      .strictObject({
        count: z
          .number()
          .int()
          .min(2)
          .max(50)
          .nullable()
          .default(null)
          .meta({ label: 'Losing orders in a row', unit: 'orders', empty: 'off' }),
        minutes: z
          .number()
          .int()
          .positive()
          .max(24 * 60)
          .default(30)
          .meta({ label: 'Pause for', unit: 'minutes' }),
      })
      .prefault({})
      .meta({ label: 'Losing streak' }),
  })
  .prefault({});

export type CooldownAfterLossSettings = z.infer<typeof schema>;
const ID = 'cooldownAfterLoss';

/** Minutes of cooldown a loss earns: the largest tier whose amount the loss reaches. */
export function tierMinutes(tiers: readonly LossTier[], loss: number): number {
  let best: LossTier | null = null;
  for (const t of tiers) if (loss >= t.loss && (!best || t.loss > best.loss)) best = t;
  return best ? best.minutes : 0;
}

/** Tiers compare as functions loss → minutes: pointwise max applies now, any lower point waits. */
function mergeTiers(old: unknown, next: unknown): FieldMerge {
  const a = old as LossTier[];
  const b = next as LossTier[];
  const points = [...new Set([...a, ...b].map((t) => t.loss))].sort((x, y) => x - y);
  let loosen = false;
  const merged: LossTier[] = [];
  for (const p of points) {
    const ma = tierMinutes(a, p);
    const mb = tierMinutes(b, p);
    if (mb < ma) loosen = true;
    const m = Math.max(ma, mb);
    if (m > 0) merged.push({ loss: p, minutes: m });
  }
  return { value: loosen ? merged : b, kind: loosen ? 'loosen' : 'tighten' };
}

function mergeStreak(old: unknown, next: unknown): FieldMerge {
  const a = old as CooldownAfterLossSettings['streak'];
  const b = next as CooldownAfterLossSettings['streak'];
  const count = a.count === null ? b.count : b.count === null ? a.count : Math.min(a.count, b.count);
  const countLoosens = b.count === null ? a.count !== null : a.count !== null && b.count > a.count;
  const minutes = Math.max(a.minutes, b.minutes);
  const loosen = countLoosens || (b.minutes < a.minutes && a.count !== null);
  return { value: loosen ? { count, minutes } : b, kind: loosen ? 'loosen' : 'tighten' };
}

const tightness = {
  ...BLOCK_TIGHTNESS,
  tiers: { merge: mergeTiers },
  streak: { merge: mergeStreak },
} as const;

export const cooldownAfterLossRule: Rule<CooldownAfterLossSettings> = {
  id: ID,
  name: 'Cooldown after loss',
  description: 'A losing order starts a pause sized by its loss; optionally so does a streak of losing orders.',
  unit: 'USD',
  settingsSchema: schema,
  summary(s) {
    const tiers = [...s.tiers]
      .sort((a, b) => a.loss - b.loss)
      .map((t) => `${countOf(t.minutes, 'minute')} after a ${usd(t.loss)} loss`);
    const parts = tiers.length > 0 ? [`pause ${andList(tiers)} on one order`] : [];
    if (s.streak.count !== null) {
      parts.push(`${countOf(s.streak.minutes, 'minute')} after ${s.streak.count} losing orders in a row`);
    }
    return parts.length === 0 ? 'No pause set' : sentence(parts.join('; '));
  },
  ...fieldwise<CooldownAfterLossSettings>(tightness),
  listensTo: ['trade', 'tick'],
  evaluate(ctx) {
    if (ctx.account.tradingDay !== ctx.tradingDay.key) return [];
    const s = ctx.settings;
    const costs = ctx.options;
    const out: Decision[] = [];
    // Level, not edge: every cooldown the day's closed orders earn, each running from the
    // loss's own time (its last closing fill). One found late (a sleeping worker, a
    // reconciliation) runs only for what is left of it; one already over starts nothing.
    const orders = executedOrders(ctx.account).filter((o) => o.closed);
    orders.sort((x, y) => x.lastFillAt - y.lastFillAt || x.orderId - y.orderId);
    const cooldown = (end: number) => ({
      kind: 'cooldown' as const,
      end: { type: 'at' as const, at: end },
      scope: { type: 'account' as const },
    });
    let streak = 0;
    for (const o of orders) {
      const loss = -orderResult(o, costs);
      const minutes = tierMinutes(s.tiers, loss);
      const end = o.lastFillAt + minutes * 60_000;
      // The sig is the tier: later fills pushing the order into a larger tier take it again.
      if (minutes > 0 && end > ctx.now && takeOnce(ctx, `${ID}|order|${o.orderId}`, String(minutes), end)) {
        out.push(
          enforcement(
            ctx,
            ID,
            { type: 'flatten' },
            `Order ${o.orderId} lost ${money(loss)}: ${minutes} min cooldown`,
            { orderId: o.orderId, loss: money(loss), minutes, lossAt: o.lastFillAt },
            cooldown(end),
          ),
        );
      }
      if (s.streak.count === null) continue;
      // Counted from the day's orders alone: a streak that started a cooldown counts from scratch after it.
      streak = loss > 0 ? streak + 1 : 0;
      if (streak < s.streak.count) continue;
      const streakLength = streak;
      streak = 0;
      const streakEnd = o.lastFillAt + s.streak.minutes * 60_000;
      if (streakEnd <= ctx.now || !takeOnce(ctx, `${ID}|streak|${o.orderId}`, String(streakEnd), streakEnd)) continue;
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'flatten' },
          `${streakLength} losing orders in a row: ${s.streak.minutes} min cooldown`,
          { losingOrdersInARow: streakLength, minutes: s.streak.minutes, lossAt: o.lastFillAt },
          cooldown(streakEnd),
        ),
      );
    }
    return out;
  },
};
