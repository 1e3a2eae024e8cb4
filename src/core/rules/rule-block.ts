import { z } from 'zod';
import type { FieldOrder } from './tightness';

/** Pieces every rule block shares: its mode and its warning levels. */

export const MODES = ['off', 'monitor', 'enforce'] as const;

export const modeSchema = (fallback: (typeof MODES)[number]) =>
  z
    .enum(MODES)
    .default(fallback)
    .meta({ label: 'Mode', help: 'off: not evaluated; monitor: decides and records only; enforce: acts' });

export const warnAtSchema = z
  .array(z.number().gt(0).lt(1))
  .max(5)
  .default([0.5, 0.8, 0.95])
  .meta({ label: 'Warn at', unit: 'fraction of the limit', help: 'Warn once per trading day at each level' });

export const BLOCK_TIGHTNESS = {
  mode: { enum: MODES } as FieldOrder,
  warnAt: 'neutral' as FieldOrder,
};

/** USD amount, positive, or null = not set. */
export const usdLimit = (label: string, fallback: number | null, help: string) =>
  z.number().positive().max(10_000_000).nullable().default(fallback).meta({ label, unit: 'USD', help });
