import { describe, expect, it } from 'vitest';
import { commentText } from './comment-text';

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
});
