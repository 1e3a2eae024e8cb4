// A vitest reporter for mutation runs only (vitest.mutation.config.mjs): a test file that could
// not even load gets one failed test carrying its load error. A mutant that breaks a module as
// it loads (a zod schema built wrong, say) fails every test of the files that import it, but
// those files collect no tests, and Stryker's vitest runner (9.6) builds a mutant's result from
// the tests collected: with none failed, it would count the mutant as "survived".
import type { RunnerTestCase, RunnerTestFile, TestContext } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

/** The name of the failed test that stands for a file that did not load. */
export const LOAD_FAILURE_TEST = 'the test file loads';

/** Adds the failed test to a file that failed with no test collected; leaves any other file as it is. */
export function markLoadFailure(file: RunnerTestFile): void {
  if (file.result?.state !== 'fail' || file.tasks.length > 0) return;
  const test: RunnerTestCase = {
    type: 'test',
    id: `${file.id}_load`,
    name: LOAD_FAILURE_TEST,
    fullName: `${file.name} ${LOAD_FAILURE_TEST}`,
    fullTestName: LOAD_FAILURE_TEST,
    mode: 'run',
    meta: {},
    file,
    suite: file,
    result: { state: 'fail', errors: file.result.errors ?? [] },
    timeout: 0,
    annotations: [],
    artifacts: [],
    // Only vitest can build a test's context, and no one reads it once the run has ended.
    context: undefined as unknown as TestContext,
  };
  file.tasks.push(test);
}

/** Marks the files in vitest's own state, which is what Stryker's runner reads after the run. */
export function createLoadFailureReporter(): Reporter {
  let vitest: Vitest | undefined;
  return {
    onInit(ctx) {
      vitest = ctx;
    },
    onTestRunEnd() {
      for (const file of vitest?.state.getFiles() ?? []) markLoadFailure(file);
    },
  };
}
