import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { andList, countOf, sentence, usd } from './summary-words';
import { type FieldMerge, fieldwise } from './tightness';

/**
 * `cooldownAfterLoss` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/cooldown-after-loss.ts.
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

/**
 * Minutes of cooldown a loss earns: the largest tier whose amount the loss reaches; of two tiers
 * at that same amount (the schema allows it), the longer pause.
 */
export function tierMinutes(tiers: readonly LossTier[], loss: number): number {
  let best: LossTier | null = null;
  for (const t of tiers) {
    if (loss < t.loss || (best && (t.loss < best.loss || (t.loss === best.loss && t.minutes <= best.minutes))))
      continue;
    best = t;
  }
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

export const cooldownAfterLossEntry: RuleEntry<CooldownAfterLossSettings> = {
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
};
