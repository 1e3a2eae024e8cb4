// Mutation testing (`npm run mutation`, not part of `npm test`): Stryker changes the code of the
// rooms below one small piece at a time (a `>=` becomes `>`, a branch is emptied) and runs the
// room's own specifications against each change. A change no test notices ("survived") is code
// whose behaviour no test pins down. Reading the report: docs/mutation-testing.md.

/**
 * The rooms under mutation test, by name: each a list of source globs (`!` excludes). This is the
 * one place the scope is written; the summary (scripts/mutation/summary.ts) scores each room from it.
 * Tests mirror source paths, so a room's mutants are judged by the tests under `tests/unit/<path>`.
 * The lockouts are src/core/lockouts (the book, the record, the lifting) and the lockout guard,
 * which stays in src/core/enforce because it drives the enforcer: it is scored with the lockouts.
 */
export const rooms = {
  rules: ['src/core/rules/**/*.ts'],
  enforce: ['src/core/enforce/*.ts', '!src/core/enforce/lockout-guard.ts'],
  lockouts: ['src/core/lockouts/*.ts', 'src/core/enforce/lockout-guard.ts'],
};

const sourceGlobs = Object.values(rooms).flat();

/** `src/core/rules/*.ts` → `tests/unit/core/rules/**\/*.test.ts`: the tests that mirror these globs. */
export function mirroredTests(globs) {
  const dirs = globs
    .filter((glob) => !glob.startsWith('!'))
    .map((glob) => glob.slice(0, glob.lastIndexOf('/')).replace(/^src\//, 'tests/unit/'));
  return [...new Set(dirs)].map((dir) => `${dir}/**/*.test.ts`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the rooms' own specifications (vitest.mutation.config.mjs): they must be able to fail on
  // their own. Integration and chaos tests reach these rooms too, slowly and through timing;
  // they are not counted here. `related`: a mutant's file picks the test files that import it.
  vitest: { configFile: 'vitest.mutation.config.mjs', related: true },
  mutate: sourceGlobs,
  // The settings schemas' labels and widgets are the options page's words, not decisions.
  appendPlugins: ['./scripts/mutation/ignore-field-meta.mjs'],
  ignorers: ['field-meta'],
  // Each mutant runs only the tests that executed its code in the first (dry) run; a static one
  // (code run as its module loads) reloads and runs every test file that imports its module.
  coverageAnalysis: 'perTest',
  // Two cores, shared: never more than two test runners.
  concurrency: 2,
  // The machine is shared and loaded: allow a slow mutant run before calling it a timeout.
  timeoutMS: 10_000,
  // Re-runs test only mutants whose code or covering tests changed. The incremental file is the
  // committed JSON report itself, so any checkout (another branch, the lead's) re-runs from it.
  incremental: true,
  incrementalFile: 'reports/mutation/mutation.json',
  reporters: ['progress', 'clear-text', 'html'],
  htmlReporter: { fileName: 'reports/mutation/html/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 85, low: 75, break: 75 },
  // Stryker rewrites tsconfig paths that point outside the sandbox through TypeScript's JS API,
  // which TypeScript 7 (native) no longer has. Ours points inside (./.wxt), so no rewrite is
  // needed: naming no tsconfig skips it.
  tsconfigFile: '',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
