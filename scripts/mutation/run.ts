// `npm run mutation`: Stryker over the rooms named in stryker.config.mjs, incremental from the
// committed report (only mutants whose code or covering tests changed run again), then
// reports/mutation/summary.md from its result. Exits non-zero when Stryker does (a score under
// the target). How to read what it writes: docs/mutation-testing.md. Arguments go to Stryker,
// except `--room` and `--summary-only`:
//
//   npm run mutation                                  the whole scope
//   npm run mutation -- --room rules                  one room (rules, enforce or lockouts)
//   npm run mutation -- --mutate src/core/rules/x.ts  one file (`x.ts:40-60`: some lines of it)
//   npm run mutation -- --force                       re-test every mutant in the scope given
//   npm run mutation -- --summary-only                rewrite the summary from the committed
//                                                     report (after editing equivalent-mutants.ts)
//   npm run mutation -- --retest-static               re-test the survivors in code run as a
//                                                     module loads (static-survivors.ts), which
//                                                     the incremental mode carries forward
//
// A narrowed run (a room, a file) re-tests only its part and keeps every other file's results in
// the report as they were: Stryker's incremental mode carries forward the mutants of files
// outside `--mutate`. So one room can be measured at a time on a busy machine, and the report
// and summary stay whole.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EQUIVALENT_MUTANTS } from './equivalent-mutants';
import { strykerArgs } from './room-args';
import { staticSurvivorRanges } from './static-survivors';
import { type MutationReport, type Rooms, summarize } from './summary';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REPORT = path.join(ROOT, 'reports/mutation/mutation.json');
const SUMMARY = path.join(ROOT, 'reports/mutation/summary.md');

interface StrykerConfig {
  rooms: Rooms;
  default: { thresholds: { break: number } };
}

const config = (await import(pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href)) as StrykerConfig;

function runStryker(args: string[]): { status: number; minutes: string } {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', ...args], { cwd: ROOT, stdio: 'inherit' });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`━━ mutation: stryker ${run.status === 0 ? 'ok' : `exit ${run.status ?? run.signal}`} in ${minutes} min`);
  return { status: run.status ?? 1, minutes };
}

/** The commit the source was at, and whether the core or its unit tests had changes not yet committed. */
function sourceState(): string {
  const git = (...a: string[]) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'src/core', 'tests/unit/core') !== '';
  return `commit ${commit}${dirty ? ' with changes to src/core or its tests not yet committed' : ''}`;
}

/** The summary's line about the run that last changed the report; `--summary-only` keeps it. */
const LAST_RUN = /^Last run: .*$/m;

function writeSummary(lastRun: string | undefined): void {
  if (!existsSync(REPORT)) return;
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport;
  const kept = existsSync(SUMMARY) ? readFileSync(SUMMARY, 'utf8').match(LAST_RUN)?.[0] : undefined;
  writeFileSync(
    SUMMARY,
    summarize(report, config.rooms, EQUIVALENT_MUTANTS, config.default.thresholds.break, lastRun ?? kept),
  );
  console.log(`━━ mutation: ${path.relative(ROOT, SUMMARY)} written`);
}

/** `--retest-static` becomes `--mutate <the static survivors' lines> --force`; null when there are none. */
function retestStatic(args: string[]): string[] | null {
  if (!args.includes('--retest-static')) return args;
  if (args.some((a) => a.startsWith('--room') || a.startsWith('--mutate')))
    throw new Error('--retest-static takes the whole report: give it no --room or --mutate');
  const ranges = existsSync(REPORT)
    ? staticSurvivorRanges(JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport)
    : [];
  if (ranges.length === 0) return null;
  return [...args.filter((a) => a !== '--retest-static'), '--mutate', ranges.join(','), '--force'];
}

const args = process.argv.slice(2);
let status = 0;
let lastRun: string | undefined;
const strykerGiven = retestStatic(args);
if (strykerGiven === null) console.log('━━ mutation: no static survivor to re-test');
else if (!args.includes('--summary-only')) {
  const source = sourceState();
  const run = runStryker(strykerArgs(strykerGiven, config.rooms));
  status = run.status;
  const given = args.length === 0 ? '' : ` -- ${args.join(' ')}`;
  lastRun = `Last run: \`npm run mutation${given}\`, started on ${source}, ${run.minutes} min.`;
}
writeSummary(lastRun);
process.exit(status);
