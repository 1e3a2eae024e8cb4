import { z } from 'zod';
import './field-meta';
import type { FieldOrder } from './tightness';

/** Pieces every rule block shares: its mode and its warning levels. */

export const MODES = ['off', 'monitor', 'enforce'] as const;

export const modeSchema = (fallback: (typeof MODES)[number]) =>
  z
    .enum(MODES)
    .default(fallback)
    .meta({
      label: 'Mode',
      help: 'Off: not checked. Monitor: records what it would do, acts on nothing. Enforce: acts.',
      options: { off: 'Off', monitor: 'Monitor', enforce: 'Enforce' },
    });

// Stored as fractions of the limit (0.8); the page shows and takes percentages (80).
export const warnAtSchema = z
  .array(z.number().gt(0, 'each warning must be above 0 %').lt(1, 'each warning must be below 100 %'))
  .max(5, 'at most 5 warnings')
  .default([0.5, 0.8, 0.95])
  .meta({
    label: 'Warn at',
    unit: '% of the limit',
    widget: 'percent-list',
    help: 'One warning per trading day at each level',
  });

/** The warning levels of a rule that never warns (no limit to approach): kept, not shown. */
export const unusedWarnAt = warnAtSchema.meta({ hidden: true });

export const BLOCK_TIGHTNESS = {
  mode: { enum: MODES } as FieldOrder,
  warnAt: 'neutral' as FieldOrder,
};

/** USD amount, positive, or null = not set. */
export const usdLimit = (label: string, fallback: number | null, help: string) =>
  z
    .number()
    .positive()
    .max(10_000_000)
    .nullable()
    .default(fallback)
    .meta({ label, unit: 'USD', widget: 'money', help, empty: 'no limit' });
