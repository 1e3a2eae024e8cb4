import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runtimeGraph, runtimeImports } from '../../structure/import-graph';

/**
 * The popup asks for its snapshot (and reads the cached one) before the rest of its bundle
 * evaluates: main.tsx imports ask-first.ts before anything else, and ask-first.ts pulls in
 * nothing that builds a schema. The answers are still validated before they render (the
 * client's validatedAnswer, the cache reader: tests/unit/messaging).
 */
describe('the popup asks first', () => {
  it('imports ask-first before any other module, so its questions leave first', () => {
    const main = readFileSync(path.join(ROOT, 'entrypoints/popup/main.tsx'), 'utf8');
    const firstImport = /^import\s+(?:[^'"]*from\s+)?['"]([^'"]+)['"]/m.exec(main)?.[1];
    expect(firstImport).toBe('./ask-first');
    expect(runtimeImports(main)).toContain('../../src/messaging/client');
  });

  it('asks without evaluating zod or a schema first (only the cache key comes with it)', () => {
    const graph = runtimeGraph('entrypoints/popup/ask-first.ts');
    expect(graph).toEqual(['entrypoints/popup/ask-first.ts', 'src/messaging/snapshot-cache-key.ts']);
    for (const file of graph) expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(/from 'zod'/);
  });
});
