import { z } from 'zod';
import { bizFail, ok, parseBody, parseTime, type RestHandler } from './common';

/**
 * History/retrieveBars from the recorded price path: ticks bucketed by unit × unitNumber
 * (UTC boundaries; months are calendar months), newest first, at most `limit` (≤ 20,000).
 */
const Body = z.object({
  contractId: z.string(),
  live: z.boolean(),
  startTime: z.string(),
  endTime: z.string(),
  unit: z.number().int().min(1).max(6),
  unitNumber: z.number().int().min(1),
  limit: z.number().int().min(1),
  includePartialBar: z.boolean(),
});

const UNIT_MS: Record<number, number> = { 1: 1000, 2: 60_000, 3: 3_600_000, 4: 86_400_000, 5: 7 * 86_400_000 };

function bucketStart(at: number, unit: number, n: number): number {
  if (unit === 6) {
    const d = new Date(at);
    const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const start = months - (months % n);
    return Date.UTC(Math.floor(start / 12), start % 12, 1);
  }
  const size = (UNIT_MS[unit] ?? 60_000) * n;
  return Math.floor(at / size) * size;
}

export const retrieveBars: RestHandler = (req, deps) => {
  const p = parseBody(Body, req.body);
  if (!p.ok) return p.reply;
  const b = p.value;
  if (!deps.contracts.some((c) => c.id === b.contractId)) return bizFail(8, `Contract ${b.contractId} not found.`);
  const from = parseTime(b.startTime);
  const to = parseTime(b.endTime);
  if (from === null || to === null || Number.isNaN(from) || Number.isNaN(to))
    return { status: 400, body: { title: 'Invalid startTime/endTime.', status: 400 } };
  const currentBucket = bucketStart(deps.now(), b.unit, b.unitNumber);
  const bars = new Map<number, { t: string; o: number; h: number; l: number; c: number; v: number }>();
  for (const tick of deps.prices.ticks(b.contractId, from, to)) {
    const start = bucketStart(tick.at, b.unit, b.unitNumber);
    if (!b.includePartialBar && start === currentBucket) continue;
    const bar = bars.get(start);
    if (!bar) {
      bars.set(start, {
        t: deps.fmt.iso(start).replace(/\.\d{7}/, ''),
        o: tick.price,
        h: tick.price,
        l: tick.price,
        c: tick.price,
        v: tick.volume,
      });
    } else {
      bar.h = Math.max(bar.h, tick.price);
      bar.l = Math.min(bar.l, tick.price);
      bar.c = tick.price;
      bar.v += tick.volume;
    }
  }
  const sorted = [...bars.entries()].sort((a, c) => c[0] - a[0]).map(([, bar]) => bar);
  return ok({ bars: sorted.slice(0, Math.min(b.limit, 20_000)) });
};
