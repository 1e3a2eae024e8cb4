// `npm run mutation`: Stryker over the rooms named in stryker.config.mjs, incremental from the
// committed report (only mutants whose code or covering tests changed run again), then
// reports/mutation/summary.md from its result. Arguments go to Stryker: `npm run mutation --
// --force` re-tests every mutant; `-- --summary-only` rewrites the summary from the committed report
// (after editing equivalent-mutants.ts). Exits non-zero when Stryker does (a score under the target).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

const args = process.argv.slice(2);
const status = args.includes('--summary-only') ? 0 : runStryker(args);

if (existsSync(REPORT)) {
  const config = (await import(pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href)) as StrykerConfig;
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport;
  writeFileSync(SUMMARY, summarize(report, config.rooms, EQUIVALENT_MUTANTS, config.default.thresholds.break));
  console.log(`━━ mutation: ${path.relative(ROOT, SUMMARY)} written`);
}
process.exit(status);
