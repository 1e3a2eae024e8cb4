import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importsOf, ROOT, resolveImport, runtimeImports } from './import-graph';

describe('importsOf', () => {
  it('reads every kind of import and re-export, in order, with whether TypeScript erases it', () => {
    const text = [
      "import { z } from 'zod';",
      "import type { A } from './types';",
      "import { type B, type C } from './only-types';",
      "import { type D, e } from './mixed';",
      "import Default, { type F } from './default';",
      "import * as everything from './namespace';",
      "import type * as types from './type-namespace';",
      "import {\n  f,\n  g,\n} from './multi-line';",
      "export { h } from './re-export';",
      "export type { I } from './type-re-export';",
      "export * from './star';",
      "import './side-effect';",
      "const later = () => import('./lazy');",
    ].join('\n');
    expect(importsOf(text).map((i) => [i.specifier, i.typeOnly, i.line])).toEqual([
      ['zod', false, 1],
      ['./types', true, 2],
      ['./only-types', true, 3],
      ['./mixed', false, 4],
      ['./default', false, 5],
      ['./namespace', false, 6],
      ['./type-namespace', true, 7],
      ['./multi-line', false, 8],
      ['./re-export', false, 12],
      ['./type-re-export', true, 13],
      ['./star', false, 14],
      ['./side-effect', false, 15],
      ['./lazy', false, 16],
    ]);
  });

  it('takes no import from a comment, a string, a template or a plain export', () => {
    const text = [
      "// import { a } from './commented';",
      "/* export * from './block-comment'; */",
      'const s = "import b from \'./in-a-string\'";',
      "const t = `import c from './in-a-template'`;",
      'export { d };',
      "export const e = f.import('./not-the-keyword');",
      "export function g() {}\nimport h from './after-a-declaration';",
    ].join('\n');
    expect(importsOf(text).map((i) => i.specifier)).toEqual(['./after-a-declaration']);
  });
});

describe('runtimeImports', () => {
  it('follows value imports, re-exports, bare and dynamic imports, and leaves type-only ones and packages out', () => {
    const text = [
      "import { z } from 'zod';",
      "import type { A } from './types';",
      "import { type B, type C } from './only-types';",
      "import { type D, e } from './mixed';",
      "import {\n  f,\n  g,\n} from './multi-line';",
      "export { h } from './re-export';",
      "export type { I } from './type-re-export';",
      "import './side-effect';",
      "const later = () => import('./lazy');",
    ].join('\n');
    expect(runtimeImports(text)).toEqual(['./mixed', './multi-line', './re-export', './side-effect', './lazy']);
  });
});

describe('resolveImport', () => {
  const from = path.join(ROOT, 'src/ui/format.ts');

  it('finds the file a relative path or a root alias names, and leaves a package as it is', () => {
    expect(resolveImport(from, '../core/error-message')).toBe(path.join(ROOT, 'src/core/error-message.ts'));
    expect(resolveImport(from, '@/src/core/error-message')).toBe(path.join(ROOT, 'src/core/error-message.ts'));
    expect(resolveImport(from, '~/src/core/ports')).toBe(path.join(ROOT, 'src/core/ports.ts'));
    expect(resolveImport(from, 'zod')).toBeUndefined();
  });

  it('refuses a path that names no file', () => {
    expect(() => resolveImport(from, './no-such-file')).toThrow('src/ui/format.ts imports ./no-such-file');
  });
});

describe('importCycles', () => {
  const edges = (...pairs: string[]) =>
    pairs.map((pair) => {
      const [from = '', to = ''] = pair.split('>');
      return { from, to };
    });

  it('finds no cycle in a graph whose arrows all point one way', () => {
    expect(importCycles(edges('a>b', 'b>c', 'a>c', 'd>a'))).toEqual([]);
  });

  it('reports each cycle once, as a closed path from its first file', () => {
    expect(importCycles(edges('a>b', 'b>a', 'c>d', 'd>e', 'e>c', 'e>f', 'g>g')).map((c) => c.loop)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'e', 'c'],
      ['g', 'g'],
    ]);
  });

  it('reports a knot of several loops as one, by its shortest loop through the first file and all its files', () => {
    expect(importCycles(edges('a>b', 'b>c', 'c>a', 'b>a', 'c>d', 'd>c'))).toEqual([
      { loop: ['a', 'b', 'a'], files: ['a', 'b', 'c', 'd'] },
    ]);
  });
});
