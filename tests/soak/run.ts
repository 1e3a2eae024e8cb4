import { loadavg } from 'node:os';
import { errorMessage } from '../../src/core/error-message';
import { run as guardSoak } from './guard-soak';
import { judgeMemory, startMemoryWatch, warmupFor } from './memory-watch';
import { run as realtimeSoak } from './realtime-soak';
import type { SoakResult } from './soak-options';

/**
 * `npm run soak [-- --minutes N] [--seed S] [--only realtime|guard]`: the long runs a person
 * starts by hand (the test suite runs them on compressed timings). Both soaks run at once,
 * each on its own simulator and clock, for `minutes` of wall time (default 30; 1440 is a
 * day): trading days one after another (trading-days.ts). Prints the memory each minute,
 * one summary line per soak, the memory verdict and the wall time; exits non-zero when a
 * day ended off the ledger or broke a check, memory grew for the whole run, or the run took
 * more than 10 % longer than asked.
 */
function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const minutes = Number(option('minutes') ?? 30);
  const seed = Number(option('seed') ?? 11);
  const only = option('only');
  if (!Number.isFinite(minutes) || minutes <= 0) {
    console.error(`--minutes must be a positive number, got ${option('minutes')}`);
    return 2;
  }
  if (only !== undefined && only !== 'realtime' && only !== 'guard') {
    console.error(`--only must be realtime or guard, got ${only}`);
    return 2;
  }
  const gc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  console.log(
    `soak: ${minutes} min, seed ${seed}, ${only ?? 'realtime and guard at once'}; node ${process.version}, ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`,
  );
  const startedAt = Date.now();
  const status: Record<string, string> = {};
  const watch = startMemoryWatch({
    everyMs: 60_000,
    print: (line) => console.log(line),
    status: () => `${Object.values(status).join(' | ')} | load ${loadavg()[0]?.toFixed(2)}`,
  });
  const soaks: Array<[string, Promise<SoakResult>]> = [];
  if (only !== 'guard') {
    status.realtime = 'realtime: starting';
    soaks.push(['realtime', realtimeSoak({ minutes, seed, onProgress: (line) => (status.realtime = line) })]);
  }
  if (only !== 'realtime') {
    status.guard = 'guard: starting';
    soaks.push(['guard', guardSoak({ minutes, seed, onProgress: (line) => (status.guard = line) })]);
  }
  let failed = false;
  for (const [name, done] of soaks) {
    try {
      const result = await done;
      console.log(result.summary);
      if (result.failures.length > 0) {
        failed = true;
        console.error(`FAILED ${name} soak:\n  ${result.failures.join('\n  ')}`);
      }
    } catch (error) {
      failed = true;
      // The stack too: a soak that threw hours in is not run again lightly.
      console.error(`FAILED ${name} soak: ${(error instanceof Error && error.stack) || errorMessage(error)}`);
    }
  }
  const verdict = judgeMemory(watch.stop(), warmupFor(minutes * 60_000));
  console.log(verdict.line);
  if (!verdict.ok) failed = true;
  const wallMin = (Date.now() - startedAt) / 60_000;
  const over = wallMin / minutes - 1;
  const late = minutes >= 10 && over > 0.1;
  console.log(
    `soak: ${minutes} min asked, ${wallMin.toFixed(1)} min wall (${over >= 0 ? '+' : ''}${(over * 100).toFixed(1)} %)` +
      (late ? ': MORE THAN 10 % OVER' : ''),
  );
  if (late) failed = true;
  console.log(failed ? 'soak: FAILED' : 'soak: passed');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
