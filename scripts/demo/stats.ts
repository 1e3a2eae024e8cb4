/**
 * Percentiles for the demo's timings and the browser benchmark. Linear interpolation between
 * the two nearest ranks (the common "type 7" definition, as numpy's default), so p50 of an
 * even count is the mean of the middle two and p100 is the maximum.
 */

export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0..100, got ${p}`);
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) throw new RangeError('percentile: no finite values');
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (rank - lo);
}

export interface Summary {
  samples: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    samples: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    min: percentile(values, 0),
    max: percentile(values, 100),
  };
}
