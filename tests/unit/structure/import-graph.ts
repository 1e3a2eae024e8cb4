import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { codeTokens } from './source-text';

/**
 * The import graph of the repository's own code, read from the sources: every `import … from`,
 * `export … from`, bare `import '…'` and `import('…')`, with whether TypeScript erases it
 * (`import type`, `export type`, or braces that name types only). Comments and template text
 * are blanked first (source-text.ts), so an example in a comment is never an import. Relative
 * specifiers and WXT's root aliases (`@/`, `~/`, `@@/`, `~~/`) resolve to files; any other
 * specifier is a package and stays as written.
 *
 * The structure checks (structure.test.ts) read every import, type-only ones included: a type
 * ties two files as much as a value does. The settings side of the rules
 * (tests/unit/core/rules/settings-side.test.ts) asks what RUNS, so it follows value imports only.
 */

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface ImportRef {
  /** As written: `./x`, `../core/y`, `zod`. */
  readonly specifier: string;
  /** Erased by TypeScript: nothing of it runs. */
  readonly typeOnly: boolean;
  /** 1-based line of the `import` / `export` keyword. */
  readonly line: number;
}

const NAME = /^[A-Za-z_$][\w$]*$/;
const isString = (t: string | undefined): t is string => t !== undefined && /^['"]/.test(t);
const isName = (t: string | undefined): t is string => t !== undefined && NAME.test(t);

interface Clause {
  /** Index of the specifier's token. */
  readonly at: number;
  readonly typeOnly: boolean;
}

/**
 * The clause of an import or a re-export from token `k` (just past the keyword) to its
 * specifier: `type`? then a default name, `* as ns` or `{ a, type B as C }`, joined by
 * commas, then `from '…'`. Anything else is no import clause (`export const …`, `export { a };`).
 */
function readClause(tokens: readonly string[], start: number): Clause | undefined {
  let k = start;
  const endsHere = (j: number) => tokens[j] === 'from' && isString(tokens[j + 1]);
  let typeKeyword = false;
  if (tokens[k] === 'type' && tokens[k + 1] !== ',' && !endsHere(k + 1)) {
    typeKeyword = true;
    k++;
  }
  let values = 0;
  let types = 0;
  for (;;) {
    const t = tokens[k];
    if (endsHere(k)) return { at: k + 1, typeOnly: typeKeyword || (values === 0 && types > 0) };
    if (t === '*') {
      values++;
      k++;
      if (tokens[k] === 'as') k += 2;
      if (!endsHere(k)) return undefined;
    } else if (t === '{') {
      const close = tokens.indexOf('}', k);
      if (close === -1) return undefined;
      let entry: string[] = [];
      for (const inner of [...tokens.slice(k + 1, close), ',']) {
        if (inner !== ',') {
          if (!isName(inner) && !isString(inner)) return undefined;
          entry.push(inner);
          continue;
        }
        if (entry.length > 0) {
          if (entry[0] === 'type' && entry.length > 1 && entry[1] !== 'as') types++;
          else values++;
        }
        entry = [];
      }
      k = close + 1;
      if (!endsHere(k)) return undefined;
    } else if (isName(t)) {
      values++;
      k++;
      if (tokens[k] !== ',' && !endsHere(k)) return undefined;
    } else if (t === ',') {
      k++;
    } else {
      return undefined;
    }
  }
}

/** Every import and re-export of a source text, in order. */
export function importsOf(text: string): ImportRef[] {
  const read = codeTokens(text);
  const tokens = read.map((t) => t.text);
  const out: ImportRef[] = [];
  const push = (at: number, keyword: number, typeOnly: boolean) => {
    out.push({ specifier: (tokens[at] ?? '').slice(1, -1), typeOnly, line: read[keyword]?.line ?? 0 });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ((t !== 'import' && t !== 'export') || tokens[i - 1] === '.') continue;
    const next = tokens[i + 1];
    if (t === 'import' && next === '(' && isString(tokens[i + 2])) {
      push(i + 2, i, false);
    } else if (t === 'import' && isString(next)) {
      push(i + 1, i, false);
    } else if (t === 'import' || next === '*' || next === '{' || next === 'type') {
      const clause = readClause(tokens, i + 1);
      if (clause !== undefined) push(clause.at, i, clause.typeOnly);
    }
  }
  return out;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts', '/index.tsx'];
const ROOT_ALIAS = /^(?:@@?|~~?)\//;

/** The file (absolute) a specifier in `from` (absolute) names; undefined for a package. Throws for a path that names no file. */
export function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else if (ROOT_ALIAS.test(specifier)) base = path.resolve(ROOT, specifier.replace(ROOT_ALIAS, ''));
  else return undefined;
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${specifier}, which resolves to no file`);
}

/** The relative specifiers a source text imports at run time (type-only imports left out). */
export function runtimeImports(text: string): string[] {
  return importsOf(text)
    .filter((i) => !i.typeOnly && i.specifier.startsWith('.'))
    .map((i) => i.specifier);
}

/** Every file `entry` (repository-relative) reaches at run time, itself included, repository-relative. */
export function runtimeGraph(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [path.resolve(ROOT, entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, specifier);
      if (target !== undefined && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].map((f) => path.relative(ROOT, f)).sort();
}

const SOURCE = /\.(ts|tsx|mts|mjs)$/;

/** The source files under the given folders (repository-relative), sorted; declaration files left out. */
export function sourceFiles(folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative);
    }
  };
  for (const folder of folders) walk(folder.replace(/\/$/, ''));
  return out.sort();
}

export interface ImportEdge {
  readonly from: string;
  /** Repository-relative for a file of the repository, as written for a package. */
  readonly to: string;
  readonly isPackage: boolean;
  readonly typeOnly: boolean;
  readonly line: number;
}

/** Every import of the given files (repository-relative), resolved. */
export function importEdges(files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const absolute = path.join(ROOT, from);
    for (const ref of importsOf(readFileSync(absolute, 'utf8'))) {
      const target = resolveImport(absolute, ref.specifier);
      const to = target === undefined ? ref.specifier : path.relative(ROOT, target).split(path.sep).join('/');
      edges.push({ from, to, isPackage: target === undefined, typeOnly: ref.typeOnly, line: ref.line });
    }
  }
  return edges;
}

export interface ImportCycle {
  /** A closed path `[a, b, …, a]`: the shortest loop from the knot's first file (in sort order) back to it. */
  readonly loop: readonly string[];
  /** Every file of the knot (files that all reach one another), sorted: more than the loop when loops share files. */
  readonly files: readonly string[];
}

/**
 * The import cycles among files: one per knot (a strongly connected component of more than
 * one file, or a file that imports itself), so the report is as long as the number of
 * separate problems and stable from run to run.
 */
export function importCycles(edges: readonly { from: string; to: string }[]): ImportCycle[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const list = next.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    next.set(from, list);
  }
  for (const list of next.values()) list.sort();
  const nodes = [...new Set([...next.keys(), ...edges.map((e) => e.to)])].sort();

  // Tarjan's strongly connected components, iteratively (a deep import chain must not overflow the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; child: number }[] = [{ node: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const children = next.get(frame.node) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        components.push(component.sort());
      }
    }
  }

  const cycles: ImportCycle[] = [];
  for (const component of components) {
    const start = component[0]!;
    const inside = new Set(component);
    if (component.length === 1 && !(next.get(start) ?? []).includes(start)) continue;
    // The shortest way from the start back to itself, inside the component.
    const cameFrom = new Map<string, string>();
    const queue = [start];
    search: for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
      for (const child of next.get(node) ?? []) {
        if (!inside.has(child)) continue;
        if (child === start) {
          cameFrom.set(start, node);
          break search;
        }
        if (!cameFrom.has(child)) {
          cameFrom.set(child, node);
          queue.push(child);
        }
      }
    }
    const cycle = [start];
    for (let node = cameFrom.get(start); node !== undefined && node !== start; node = cameFrom.get(node)) {
      cycle.unshift(node);
    }
    cycles.push({ loop: [start, ...cycle], files: component });
  }
  return cycles.sort((a, b) => a.files[0]!.localeCompare(b.files[0]!));
}
