// `npm run mutation`: Stryker over the rooms named in stryker.config.mjs, incremental from the
// committed report (only mutants whose code or covering tests changed run again), then
// reports/mutation/summary.md from its result. Exits non-zero when Stryker does (a score under
// the target). Arguments go to Stryker:
//
//   npm run mutation                                  the whole scope, incremental
//   npm run mutation -- --force                       re-test every mutant
//   npm run mutation -- --mutate src/core/rules/x.ts  a look at one file: starts from a copy of
//                                                     the committed report and leaves it as it is
//                                                     (Stryker would write only that file into it)
//   npm run mutation -- --summary-only                rewrite the summary from the committed
//                                                     report (after editing equivalent-mutants.ts)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EQUIVALENT_MUTANTS } from './equivalent-mutants';
import { type MutationReport, type Rooms, summarize } from './summary';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REPORT = path.join(ROOT, 'reports/mutation/mutation.json');
const SUMMARY = path.join(ROOT, 'reports/mutation/summary.md');

interface StrykerConfig {
  rooms: Rooms;
  default: { thresholds: { break: number } };
}

function runStryker(args: string[]): number {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', ...args], { cwd: ROOT, stdio: 'inherit' });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`━━ mutation: stryker ${run.status === 0 ? 'ok' : `exit ${run.status ?? run.signal}`} in ${minutes} min`);
  return run.status ?? 1;
}

/** Whether the arguments narrow the files to mutate, so the run's report covers only part of the scope. */
function isPartial(args: readonly string[]): boolean {
  return args.some((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='));
}

async function writeSummary(): Promise<void> {
  if (!existsSync(REPORT)) return;
  const config = (await import(pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href)) as StrykerConfig;
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport;
  writeFileSync(SUMMARY, summarize(report, config.rooms, EQUIVALENT_MUTANTS, config.default.thresholds.break));
  console.log(`━━ mutation: ${path.relative(ROOT, SUMMARY)} written`);
}

const args = process.argv.slice(2);
let status = 0;
if (args.includes('--summary-only')) {
  await writeSummary();
} else if (isPartial(args)) {
  const partial = path.join(mkdtempSync(path.join(os.tmpdir(), 'mutation-')), 'mutation.json');
  if (existsSync(REPORT)) copyFileSync(REPORT, partial);
  status = runStryker([...args, '--incrementalFile', partial]);
  console.log(`━━ mutation: part of the scope; its report is ${partial}, the committed one is unchanged`);
} else {
  status = runStryker(args);
  await writeSummary();
}
process.exit(status);
