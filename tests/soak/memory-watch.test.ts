import { describe, expect, it } from 'vitest';
import { judgeMemory, type MemorySample, warmupFor } from './memory-watch';

const MIN = 60_000;
/** One sample a minute for `minutes`, heap from `heapAt(minute)`, with ±2 MB of noise. */
function series(minutes: number, heapAt: (m: number) => number): MemorySample[] {
  return Array.from({ length: minutes + 1 }, (_, m) => ({
    atMs: m * MIN,
    heapMb: heapAt(m) + ((m * 7) % 5) - 2,
    rssMb: 0,
    externalMb: 0,
  }));
}

describe('the soak memory verdict', () => {
  it('warms up a quarter of the run, between 3 and 15 minutes', () => {
    expect(warmupFor(6 * MIN)).toBe(3 * MIN);
    expect(warmupFor(40 * MIN)).toBe(10 * MIN);
    expect(warmupFor(1440 * MIN)).toBe(15 * MIN);
  });

  it('calls a heap flat after warm-up flat, whatever it did while warming up', () => {
    const v = judgeMemory(
      series(60, (m) => (m < 10 ? 80 + m * 8 : 160)),
      15 * MIN,
    );
    expect(v).toMatchObject({ ok: true, samples: 46 });
    expect(Math.abs(v.growthMb)).toBeLessThan(4);
    expect(v.line).toContain('flat');
  });

  it('fails a heap that keeps growing after warm-up', () => {
    const v = judgeMemory(
      series(60, (m) => 150 + m * 1.5),
      15 * MIN,
    );
    expect(v.ok).toBe(false);
    expect(v.growthMb).toBeGreaterThan(40);
    expect(v.slopeMbPerHour).toBeCloseTo(90, -1);
    expect(v.line).toContain('SUSTAINED GROWTH');
  });

  it('passes a store that fills to its cap and stays there (a journal filling for ten hours of a day)', () => {
    const v = judgeMemory(
      series(1440, (m) => 150 + Math.min(m, 600) * 0.08),
      15 * MIN,
    );
    expect(v.growthMb).toBeGreaterThan(16); // the thirds alone would call it growth
    expect(v.ok).toBe(true);
    expect(Math.abs(v.lastHalfSlopeMbPerHour)).toBeLessThan(1);
  });

  it('fails a slow leak that lasts the whole day', () => {
    const v = judgeMemory(
      series(1440, (m) => 150 + m * 0.03),
      15 * MIN,
    );
    expect(v.ok).toBe(false);
  });

  it('gives no verdict on too few samples', () => {
    expect(
      judgeMemory(
        series(5, () => 100),
        3 * MIN,
      ),
    ).toMatchObject({ ok: true, samples: 3 });
  });
});
