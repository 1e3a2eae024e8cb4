import { describe, expect, it } from 'vitest';
import {
  code,
  type EquivalentMutant,
  globToRegExp,
  type MutationReport,
  mutationScore,
  originalText,
  type ReportMutant,
  roomOf,
  summarize,
  tally,
} from '../../../../scripts/mutation/summary';

const rooms = {
  rules: ['src/core/rules/*.ts'],
  enforce: ['src/core/enforce/*.ts', '!src/core/enforce/lockout*.ts'],
  lockouts: ['src/core/enforce/lockouts.ts'],
};

function mutant(over: Partial<ReportMutant> & Pick<ReportMutant, 'status'>): ReportMutant {
  return {
    id: '1',
    mutatorName: 'EqualityOperator',
    replacement: 'a > b',
    location: { start: { line: 2, column: 10 }, end: { line: 2, column: 16 } },
    ...over,
  };
}

const source = 'export function f(a: number, b: number) {\n  return a >= b;\n}\n';

describe('mutation summary', () => {
  it('matches globs the way the config writes them: * within a folder, ** across folders', () => {
    expect(globToRegExp('src/core/rules/*.ts').test('src/core/rules/engine.ts')).toBe(true);
    expect(globToRegExp('src/core/rules/*.ts').test('src/core/rules/deep/engine.ts')).toBe(false);
    expect(globToRegExp('src/**/*.ts').test('src/core/rules/deep/engine.ts')).toBe(true);
    expect(globToRegExp('src/core/rules/*.ts').test('src/core/rules/enginexts')).toBe(false);
    // `**/` is any folders, none included, as Stryker reads it.
    expect(globToRegExp('src/core/rules/**/*.ts').test('src/core/rules/rule.ts')).toBe(true);
    expect(globToRegExp('src/core/rules/**/*.ts').test('src/core/rules/catalog/tightness.ts')).toBe(true);
    expect(globToRegExp('src/core/rules/**/*.ts').test('src/core/rulesets/x.ts')).toBe(false);
  });

  it('puts each file in the first room that includes it and does not exclude it', () => {
    expect(roomOf('src/core/rules/engine.ts', rooms)).toBe('rules');
    expect(roomOf('src/core/enforce/plan.ts', rooms)).toBe('enforce');
    expect(roomOf('src/core/enforce/lockouts.ts', rooms)).toBe('lockouts');
    expect(roomOf('src/core/state/reducer.ts', rooms)).toBeUndefined();
  });

  it('scores as Stryker does: killed and timed out over everything that ran or had no test, errors left out', () => {
    const t = tally(
      [
        mutant({ status: 'Killed' }),
        mutant({ status: 'Timeout' }),
        mutant({ status: 'Survived' }),
        mutant({ status: 'NoCoverage' }),
        mutant({ status: 'CompileError' }),
        mutant({ status: 'Ignored' }),
      ],
      () => false,
    );
    expect(t).toEqual({ killed: 1, timeout: 1, survived: 1, noCoverage: 1, equivalent: 0, other: 2 });
    expect(mutationScore(t)).toBe(50);
    expect(mutationScore(tally([], () => false))).toBeUndefined();
  });

  it('reads the code a mutant replaces from its 1-based, end-exclusive location, over lines too', () => {
    expect(originalText(source, mutant({ status: 'Survived' }).location)).toBe('a >= b');
    expect(originalText(source, { start: { line: 1, column: 41 }, end: { line: 3, column: 2 } })).toBe(
      '{ return a >= b; }',
    );
  });

  it('writes code inline even when it holds backticks or table pipes', () => {
    expect(code('a || b')).toBe('`a \\|\\| b`');
    expect(code('`name`')).toBe('`` `name` ``');
    expect(code('x'.repeat(100), 10)).toBe(`\`${'x'.repeat(9)}…\``);
  });

  const report: MutationReport = {
    files: {
      'src/core/rules/limit.ts': {
        source,
        mutants: [
          mutant({ id: '1', status: 'Killed' }),
          mutant({ id: '2', status: 'Survived' }),
          mutant({ id: '3', status: 'Survived', mutatorName: 'ConditionalExpression', replacement: 'true' }),
        ],
      },
    },
  };
  const equivalent: EquivalentMutant = {
    file: 'rules/limit.ts',
    mutator: 'EqualityOperator',
    original: 'a >=',
    replacement: 'a > b',
    reason: 'a and b are never equal here',
  };

  it('scores each room, lists each survivor with its line, and sets explained equivalents apart', () => {
    const md = summarize(report, rooms, [equivalent], 75);
    expect(md).toContain('| rules | **33.33 %** ✗ | 50.00 % | 1 | 0 | 2 | 1 | 0 | 0 |');
    expect(md).toContain('| enforce | **n/a** | n/a | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('## Surviving mutants not explained (1)');
    expect(md).toContain('- line 2 ConditionalExpression: `a >= b` → `true`');
    expect(md).toContain('## Equivalent mutants, by reason (1)');
    expect(md).toContain(
      '**a and b are never equal here**\n\n- src/core/rules/limit.ts:2 EqualityOperator: `a >= b` → `a > b`',
    );
  });

  it('lists every room of the config in its order, and a file outside them apart', () => {
    const outside: MutationReport = {
      files: { ...report.files, 'src/core/state/reducer.ts': { source, mutants: [mutant({ status: 'Killed' })] } },
    };
    const rows = summarize(outside, rooms, [], 75)
      .split('\n')
      .filter((l) => /^\| (rules|enforce|lockouts|\(outside the rooms\)) \|/.test(l))
      .map((l) => l.split(' | ')[0]);
    expect(rows.slice(0, 4)).toEqual(['| rules', '| enforce', '| lockouts', '| (outside the rooms)']);
  });

  it('tells apart two mutants of the same code by the line each starts on, when told what that line holds', () => {
    const twice = 'const a = [];\nconst b = [];\n';
    const empty = (line: number) =>
      mutant({
        status: 'Survived',
        mutatorName: 'ArrayDeclaration',
        replacement: '["Stryker was here"]',
        location: { start: { line, column: 11 }, end: { line, column: 13 } },
      });
    const onB: EquivalentMutant = {
      file: 'rules/two.ts',
      mutator: 'ArrayDeclaration',
      original: '[]',
      replacement: '["Stryker was here"]',
      within: 'const b',
      reason: 'b is never read',
    };
    const md = summarize(
      { files: { 'src/core/rules/two.ts': { source: twice, mutants: [empty(1), empty(2)] } } },
      rooms,
      [onB],
      75,
    );
    expect(md).toContain('## Surviving mutants not explained (1)\n\n### src/core/rules/two.ts\n\n- line 1 ');
    expect(md).toContain('**b is never read**\n\n- src/core/rules/two.ts:2 ArrayDeclaration');
  });

  it('says under its title which source the results were measured on', () => {
    const md = summarize(report, rooms, [], 75, 'Last run: `npm run mutation`, started on commit abc1234, 3.4 min.');
    expect(md).toContain(
      'docs/mutation-testing.md.\n\nLast run: `npm run mutation`, started on commit abc1234, 3.4 min.\n\nTarget:',
    );
    expect(summarize(report, rooms, [], 75)).toContain('docs/mutation-testing.md.\n\nTarget:');
  });

  it('explains nothing that does not match file, mutator, code and replacement', () => {
    for (const wrong of [
      { file: 'enforce/limit.ts' },
      { mutator: 'ConditionalExpression' },
      { original: 'a <=' },
      { replacement: 'a < b' },
      { within: 'return b >=' },
    ]) {
      const md = summarize(report, rooms, [{ ...equivalent, ...wrong }], 75);
      expect(md).toContain('## Surviving mutants not explained (2)');
    }
  });
});
