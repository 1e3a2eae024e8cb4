import { describe, expect, it } from 'vitest';
import { commentText, maskSource, regionsOf } from './source-text';

describe('commentText', () => {
  it('keeps comments and blanks code, strings, templates and regular expressions', () => {
    const open = '$' + '{';
    const src = [
      "const a = 'x // not a comment'; // one",
      'const b = /\\/\\*not a comment/g; /* two */',
      `const c = \`t ${open}d /* three */ + \`u // no\`} v\`; const e = 4 / 2; // four`,
    ].join('\n');
    const kept = commentText(src)
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '));
    expect(kept).toEqual(['// one', '/* two */', '/* three */ // four']);
    expect(commentText(src)).toHaveLength(src.length);
  });

  it('tells a regular expression from a division by what comes before the slash', () => {
    const src = [
      'if (ok) return /[\'"]/.test(s); // after return: a regex holding quotes',
      'const half = (a + b) / 2 / c; // after a bracket or a name: division',
      'const re = [/\\*\\//, /[/]/]; // in a list, a regex even with a slash inside a class',
    ].join('\n');
    expect(
      commentText(src)
        .split('\n')
        .map((l) => l.trim()),
    ).toEqual([
      '// after return: a regex holding quotes',
      '// after a bracket or a name: division',
      '// in a list, a regex even with a slash inside a class',
    ]);
  });

  it('reads JSX text as code, and an apostrophe in it as a string that ends at the line', () => {
    const src = "const el = <p>Don't panic</p>;\nconst next = window;";
    expect(maskSource(src, ['code']).split('\n')[1]).toBe('const next = window;');
  });
});

describe('maskSource', () => {
  it('keeps the kinds asked for and blanks the rest, offsets and line breaks unchanged', () => {
    const open = '$' + '{';
    const src = `import x from './x'; // see './y'\nconst t = \`a ${open}window} b\`;`;
    const code = maskSource(src, ['code', 'string']);
    expect(code).toHaveLength(src.length);
    expect(code.split('\n').map((l) => l.trimEnd())).toEqual(["import x from './x';", 'const t =      window    ;']);
  });

  it('covers the source whole with regions of one kind each', () => {
    const src = 'a(/re/g, "s", `t`); // c';
    expect(regionsOf(src).map((r) => [r.kind, src.slice(r.from, r.to)])).toEqual([
      ['code', 'a('],
      ['regex', '/re/g'],
      ['code', ', '],
      ['string', '"s"'],
      ['code', ', '],
      ['template', '`t`'],
      ['code', '); '],
      ['comment', '// c'],
    ]);
  });
});
