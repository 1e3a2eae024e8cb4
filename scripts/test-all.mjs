#!/usr/bin/env node
// `npm test`: every stage, in order, then one closing line `N passed, N failed` summed from
// the real runners' results (vitest and Playwright JSON reports). A stage that is not a test
// runner (typecheck, lint, build, web-ext lint) counts as one check. Exits non-zero on any
// failure; later stages still run so one report shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ensureNodeModules, ensureSystemDeps } from './ensure-deps.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'test-results');
mkdirSync(RESULTS, { recursive: true });

ensureNodeModules(ROOT);
// Chromium for the end-to-end suite and the demo, firefox-esr for the Firefox check.
ensureSystemDeps({ chromium: true, firefox: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];
/** Names of failed tests, repeated at the end so a truncated CI log still says what failed. */
const failedTests = [];

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = res.status === 0;
  console.log(
    `━━ ${name}: ${ok ? 'ok' : `FAILED (exit ${res.status ?? res.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return ok;
}

/** A stage that is a single check (typecheck, lint, build): one pass or one failure. */
function check(name, cmd, args, env) {
  const ok = run(name, cmd, args, env);
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    failedStages.push(name);
  }
  return ok;
}

/** A test-runner stage: counts come from its JSON report, never from its exit code alone. */
function tests(name, cmd, args, reportFile, count, listFailed, env) {
  rmSync(reportFile, { force: true });
  const ok = run(name, cmd, args, env);
  let counted = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    counted = count(report);
    failedTests.push(...listFailed(report));
  }
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  totals.skipped += counted.skipped;
  if (!ok || counted.failed > 0) {
    failedStages.push(name);
    // The runner failed without a failing test in its report (crash, coverage floor, no report).
    if (counted.failed === 0) totals.failed += 1;
  }
}

const vitestCount = (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0),
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
});
/** `file › test: first line of the error` for each failed vitest test or crashed file. */
const vitestFailed = (r) =>
  (r.testResults ?? []).flatMap((file) => {
    const where = path.relative(ROOT, file.name ?? '');
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    if (failed.length === 0 && file.status === 'failed') return [`${where}: ${firstLine(file.message)}`];
    return failed.map((t) => `${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  });
const playwrightFailed = (r) => {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const err = t.results?.at(-1)?.error?.message;
        out.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(err)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of r.suites ?? []) walk(s);
  return out;
};
function firstLine(text) {
  // Strip ANSI colours; keep the line short enough to read in a CI tail.
  const line =
    stripVTControlCharacters(String(text ?? ''))
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 300);
}
const playwrightCount = (r) => ({
  passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
  failed: r.stats?.unexpected ?? 0,
  skipped: r.stats?.skipped ?? 0,
});

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['biome', 'check', '.']);
const vitestReport = path.join(RESULTS, 'vitest-results.json');
tests(
  'unit + integration + chaos (vitest, with coverage)',
  'npx',
  ['vitest', 'run', '--coverage', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  vitestReport,
  vitestCount,
  vitestFailed,
);
// The store builds, as the zips the stores receive (npm run zip: Chrome, Firefox, sources).
const zipped = check('build and zip chrome-mv3, firefox-mv3 and the sources (npm run zip)', 'npx', [
  'tsx',
  'scripts/release/zip.ts',
]);
const localBuilt = check('build chrome-mv3-local (simulator build for e2e)', 'npx', ['wxt', 'build'], {
  RG_LOCAL_GATEWAY: '1',
});
const built = zipped && localBuilt;
if (built) {
  // Offline, ~12 s: web-ext lint, store manifest fields and icons, no remote code, permissions doc.
  check('release-check (the store zips, incl. web-ext lint)', 'npx', ['tsx', 'scripts/release/check.ts']);
  const e2eReport = path.join(RESULTS, 'e2e-results.json');
  tests(
    'end-to-end (Playwright, Chromium)',
    'npx',
    ['playwright', 'test'],
    e2eReport,
    playwrightCount,
    playwrightFailed,
    {
      RG_E2E_PREBUILT: '1',
    },
  );
  // The main job itself: the scripted trading day must play out and exit 0 (README's `npm start`).
  check('demo: npm start (scripted trading day in Chromium)', 'node', ['scripts/start.mjs', '--no-build'], {
    RG_E2E_PREBUILT: '1',
  });
} else {
  totals.failed += 2;
  failedStages.push('end-to-end and demo (not run: build failed)');
}

console.log('');
if (failedStages.length > 0) console.log(`Failed stages: ${failedStages.join('; ')}`);
for (const t of failedTests) console.log(`  ✗ ${t}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 || failedStages.length > 0 ? 1 : 0);
