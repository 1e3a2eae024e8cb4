import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, warnAtSchema } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { countOf, orList } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `tradeFrequency` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/trade-frequency.ts.
 */

const perWindow = (label: string, fallback: number | null) =>
  z
    .number()
    .int()
    .positive()
    .max(100_000)
    .nullable()
    .default(fallback)
    .meta({ label, unit: 'orders', empty: 'no limit' });

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: warnAtSchema,
    perMinute: perWindow('Max orders per minute', 3),
    perHour: perWindow('Max orders per hour', 20),
    perDay: perWindow('Max orders per trading day', 50),
  })
  .prefault({});

export type TradeFrequencySettings = z.infer<typeof schema>;
const ID = 'tradeFrequency';
const tightness = {
  ...BLOCK_TIGHTNESS,
  perMinute: 'higher-looser',
  perHour: 'higher-looser',
  perDay: 'higher-looser',
} as const;

export const tradeFrequencyEntry: RuleEntry<TradeFrequencySettings> = {
  id: ID,
  name: 'Trade frequency',
  description:
    'Too many executed orders in a minute, an hour or a trading day start a cooldown as long as the window that was exceeded.',
  unit: 'orders',
  settingsSchema: schema,
  summary(s) {
    const windows: Array<[number | null, string]> = [
      [s.perMinute, 'in a minute'],
      [s.perHour, 'in an hour'],
      [s.perDay, 'in a trading day'],
    ];
    // The first window set says what is counted ("3 orders in a minute or 50 in a trading day").
    const parts = windows
      .flatMap(([n, span]) => (n === null ? [] : [[n, span] as const]))
      .map(([n, span], i) => `${i === 0 ? countOf(n, 'order') : n.toLocaleString('en-US')} ${span}`);
    return parts.length === 0 ? 'No limit set' : `Flatten and pause after more than ${orList(parts)}`;
  },
  ...fieldwise<TradeFrequencySettings>(tightness),
};
