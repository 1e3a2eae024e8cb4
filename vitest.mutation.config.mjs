// The vitest config of a mutation run (stryker.config.mjs names it): the project's own config,
// with only the tests that mirror the rooms under mutation test. Narrowing here, and not with
// Stryker's `testFiles` option, is deliberate: with `testFiles`, Stryker 9.6 activates a
// static mutant (code run when a module loads, like a zod schema) only after the module has
// loaded, so every such mutant "survives" untested (stryker-js issue 6144). The reporter counts a
// test file that a mutant kept from loading as a failed test (see its header).
import { defineConfig } from 'vitest/config';
import { createLoadFailureReporter } from './scripts/mutation/load-failure-reporter.ts';
import { mirroredTests, rooms } from './stryker.config.mjs';
import base from './vitest.config.ts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: mirroredTests(Object.values(rooms).flat()),
    reporters: [createLoadFailureReporter()],
  },
});
