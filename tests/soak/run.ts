import { errorMessage } from '../../src/core/error-message';
import { run as guardSoak } from './guard-soak';
import { run as realtimeSoak } from './realtime-soak';

/**
 * `npm run soak [-- --minutes N] [--seed S] [--only realtime|guard]`: the long runs a person
 * starts by hand (not part of `npm test`). First the real-time path alone, then the whole
 * guard, each `minutes` long (default 30) in real time with faults; prints one summary line
 * each and exits non-zero when any account ended off the simulator's ledger or a trade was
 * counted twice.
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
  let failed = false;
  if (only === undefined || only === 'realtime') {
    console.log(`realtime soak: ${minutes} min, seed ${seed} …`);
    try {
      console.log(await realtimeSoak({ minutes, seed }));
    } catch (error) {
      failed = true;
      console.error(`FAILED ${errorMessage(error)}`);
    }
  }
  if (only === undefined || only === 'guard') {
    console.log(`guard soak: ${minutes} min, seed ${seed} …`);
    try {
      const result = await guardSoak({ minutes, seed });
      console.log(result.summary);
      if (result.mismatched.length > 0) {
        failed = true;
        console.error(`FAILED: off the ledger\n${JSON.stringify(result.mismatched, null, 2)}`);
      }
    } catch (error) {
      failed = true;
      console.error(`FAILED ${errorMessage(error)}`);
    }
  }
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
