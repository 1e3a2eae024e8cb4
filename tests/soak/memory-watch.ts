/**
 * The soak's memory: a sample every minute (heap after a full GC when node runs with
 * --expose-gc, as `npm run soak` does; RSS and external memory alongside), one printed line
 * each, and a verdict at the end. A leak grows for as long as the run lasts; a bounded
 * store (a journal compacting at its cap, the simulator keeping a few days of history) grows
 * to its cap and stays. So the verdict looks past a warm-up and fails only on growth that is
 * sustained: the last third of the rest of the run above its first third, the fitted slope
 * over it, and the slope over its last half still (a store that filled early is flat there),
 * each by more than the allowance (half of it for the last half).
 */
export interface MemorySample {
  /** Wall ms since the watch started. */
  atMs: number;
  heapMb: number;
  rssMb: number;
  externalMb: number;
}

export interface MemoryVerdict {
  ok: boolean;
  /** Median of the last third of the samples after warm-up minus that of the first third. */
  growthMb: number;
  /** Least-squares slope of the heap after warm-up, and over its last half. */
  slopeMbPerHour: number;
  lastHalfSlopeMbPerHour: number;
  allowanceMb: number;
  samples: number;
  line: string;
}

const MB = 1024 * 1024;
const round1 = (x: number) => Math.round(x * 10) / 10;

export function sampleMemory(atMs: number): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  return { atMs, heapMb: round1(m.heapUsed / MB), rssMb: round1(m.rss / MB), externalMb: round1(m.external / MB) };
}

/** Warm-up: a quarter of the run, at least 3 and at most 15 minutes. */
export function warmupFor(runMs: number): number {
  return Math.min(15 * 60_000, Math.max(3 * 60_000, runMs / 4));
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function slope(samples: readonly MemorySample[]): number {
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.atMs, 0) / n;
  const my = samples.reduce((a, s) => a + s.heapMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.atMs - mx) * (s.heapMb - my);
    den += (s.atMs - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * The allowance is 16 MB or 10 % of the heap after warm-up, whichever is more. Fewer than 6
 * samples after warm-up (a short run) give no verdict: ok, and the line says so.
 */
export function judgeMemory(samples: readonly MemorySample[], warmupMs: number): MemoryVerdict {
  const after = samples.filter((s) => s.atMs >= warmupMs);
  if (after.length < 6) {
    return {
      ok: true,
      growthMb: 0,
      slopeMbPerHour: 0,
      lastHalfSlopeMbPerHour: 0,
      allowanceMb: 0,
      samples: after.length,
      line: `memory: ${after.length} samples after the ${Math.round(warmupMs / 60_000)}-min warm-up, too few to judge`,
    };
  }
  const third = Math.floor(after.length / 3);
  const first = median(after.slice(0, third).map((s) => s.heapMb));
  const last = median(after.slice(-third).map((s) => s.heapMb));
  const growthMb = round1(last - first);
  const span = (xs: readonly MemorySample[]) => ((xs.at(-1)?.atMs ?? 0) - (xs[0]?.atMs ?? 0)) / 3_600_000;
  const lastHalf = after.slice(Math.floor(after.length / 2));
  const slopeMbPerHour = round1(slope(after) * 3_600_000);
  const lastHalfSlopeMbPerHour = round1(slope(lastHalf) * 3_600_000);
  const allowanceMb = round1(Math.max(16, first * 0.1));
  const ok = !(
    growthMb > allowanceMb &&
    slopeMbPerHour * span(after) > allowanceMb &&
    lastHalfSlopeMbPerHour * span(lastHalf) > allowanceMb / 2
  );
  const line =
    `memory: heap after warm-up ${round1(first)} → ${round1(last)} MB (${growthMb >= 0 ? '+' : ''}${growthMb} MB, ` +
    `slope ${slopeMbPerHour} MB/h, ${lastHalfSlopeMbPerHour} MB/h over the last half; ${after.length} samples; ` +
    `allowance ${allowanceMb} MB): ${ok ? 'flat' : 'SUSTAINED GROWTH'}`;
  return { ok, growthMb, slopeMbPerHour, lastHalfSlopeMbPerHour, allowanceMb, samples: after.length, line };
}

/** Samples every `everyMs` and prints one line each, with whatever `status()` adds. */
export function startMemoryWatch(options: { everyMs: number; print: (line: string) => void; status?: () => string }): {
  stop(): MemorySample[];
} {
  const startedAt = Date.now();
  const samples: MemorySample[] = [sampleMemory(0)];
  const timer = setInterval(() => {
    const s = sampleMemory(Date.now() - startedAt);
    samples.push(s);
    const minute = Math.round(s.atMs / 60_000);
    const extra = options.status ? ` | ${options.status()}` : '';
    options.print(
      `[${String(minute).padStart(4)} min] heap ${s.heapMb} MB, rss ${s.rssMb} MB, external ${s.externalMb} MB${extra}`,
    );
  }, options.everyMs);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}
