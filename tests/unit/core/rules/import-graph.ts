import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The files a module pulls in when it RUNS: its relative imports and re-exports, followed
 * through, without the type-only ones (TypeScript erases those, so they ship nothing). Bare
 * imports (packages) are not followed. What a bundler would include before tree-shaking: a
 * stricter question than what it keeps, and one a refactor cannot answer by luck.
 */

export const ROOT = path.resolve(import.meta.dirname, '../../../..');

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** `import … from '…'` and `export … from '…'`, with what they name; `import '…'`; `import('…')`. */
const FROM = /^(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+['"]([^'"]+)['"]/gm;
const BARE = /^import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${specifier}, which resolves to no file`);
}

/** `{ type A, type B }`: every name type-only, so the statement is erased. */
function onlyTypes(clause: string): boolean {
  const braces = clause.match(/^\{([^}]*)\}$/s);
  if (!braces) return false;
  const names = (braces[1] ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** The relative specifiers a source text imports at run time. */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  for (const [, typeOnly, clause = '', specifier = ''] of text.matchAll(FROM)) {
    if (!typeOnly && !onlyTypes(clause.trim())) out.push(specifier);
  }
  for (const [, specifier = ''] of text.matchAll(BARE)) out.push(specifier);
  for (const [, specifier = ''] of text.matchAll(DYNAMIC)) out.push(specifier);
  return out.filter((s) => s.startsWith('.'));
}

/** Every file `entry` (repository-relative) reaches at run time, itself included, repository-relative. */
export function runtimeGraph(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [path.resolve(ROOT, entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(file, specifier);
      if (!seen.has(target)) queue.push(target);
    }
  }
  return [...seen].map((f) => path.relative(ROOT, f)).sort();
}
