import type { RunnerTestFile } from 'vitest';
import { describe, expect, it } from 'vitest';
import { LOAD_FAILURE_TEST, markLoadFailure } from '../../../../scripts/mutation/load-failure-reporter';

function file(over: Partial<RunnerTestFile>): RunnerTestFile {
  return {
    type: 'suite',
    id: 'f1',
    name: 'tests/unit/core/rules/weekly-loss.test.ts',
    fullName: 'tests/unit/core/rules/weekly-loss.test.ts',
    filepath: '/repo/tests/unit/core/rules/weekly-loss.test.ts',
    mode: 'run',
    meta: {},
    tasks: [],
    projectName: '',
    file: undefined as unknown as RunnerTestFile,
    ...over,
  } as RunnerTestFile;
}

describe('load failure reporter', () => {
  it('gives a test file that failed to load one failed test carrying the load error', () => {
    const error = { message: 'discriminator must be a string', name: 'Error' };
    const f = file({ result: { state: 'fail', errors: [error] } });
    markLoadFailure(f);
    expect(f.tasks).toHaveLength(1);
    expect(f.tasks[0]).toMatchObject({ type: 'test', name: LOAD_FAILURE_TEST, file: f, suite: f });
    expect(f.tasks[0]?.result).toEqual({ state: 'fail', errors: [error] });
  });

  it('leaves a file that loaded alone, whether its tests passed or failed', () => {
    const passed = file({ result: { state: 'pass' } });
    markLoadFailure(passed);
    expect(passed.tasks).toEqual([]);
    const test = { type: 'test', name: 'a test that failed' } as RunnerTestFile['tasks'][number];
    const failed = file({ result: { state: 'fail' }, tasks: [test] });
    markLoadFailure(failed);
    expect(failed.tasks).toEqual([test]);
  });
});
