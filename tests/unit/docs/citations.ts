import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { commentText } from '../structure/source-text';

/**
 * The repository explains itself and cites only itself: every `*.md` path a comment or a
 * document names must be a file of this repository (docs/architecture.md, docs/rules.md,
 * docs/gateway.md, docs/testing.md, …), and rules are named by their config id
 * (`dailyRealizedLoss`), never by a number from some list elsewhere.
 *
 * Scope: the tracked text files under src/, entrypoints/, simulator/, scripts/, tests/, docs/ and bench/,
 * and the top-level documents (README.md, BUILDING.md, CHANGELOG.md). Markdown is read whole;
 * in code only the comments are read for citations (an error message that names a file by its
 * bare name, in a string, does not cite it), while a rule number is refused
 * anywhere, test titles included. A cited path resolves from the repository's root or from
 * the citing file's folder. The committed build of the previous release is generated output
 * of a tagged tree that passed this test, so it is not read.
 */

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const ROOMS = ['src/', 'entrypoints/', 'simulator/', 'scripts/', 'tests/', 'docs/', 'bench/'];
const TOP_DOCS = ['README.md', 'BUILDING.md', 'CHANGELOG.md'];
const GENERATED = ['tests/e2e/fixtures/previous-release/chrome-mv3-local/'];
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

/** A path ending in `.md`, relative or not (`docs/rules.md`, a bare file name, one going up a folder). */
const MD_PATH = /[\w./-]*\w\.md\b/g;
/** The word rule (or rules, any case) followed by a number, with or without a `#`. */
const RULE_NUMBER = /\brules? #?\d+\b/gi;

export function repositoryFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return out.split('\0').filter((f) => f !== '' && existsSync(path.join(ROOT, f)));
  } catch {
    // Not a git checkout (a sources zip): every file but what git would ignore anyway.
    const skip = new Set(['node_modules', '.git', '.output', '.wxt', 'coverage', 'test-results', 'playwright-report']);
    const walk = (dir: string): string[] =>
      readdirSync(path.join(ROOT, dir)).flatMap((name) => {
        if (skip.has(name)) return [];
        const rel = dir === '' ? name : `${dir}/${name}`;
        return statSync(path.join(ROOT, rel)).isDirectory() ? walk(rel) : [rel];
      });
    return walk('');
  }
}

export function inScope(file: string): boolean {
  if (GENERATED.some((g) => file.startsWith(g))) return false;
  return TOP_DOCS.includes(file) || ROOMS.some((room) => file.startsWith(room));
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export interface Offence {
  file: string;
  line: number;
  text: string;
  problem: string;
}

/** The offences of one file's text; `exists` answers for a repository-relative path. */
export function offencesIn(file: string, text: string, exists: (relative: string) => boolean): Offence[] {
  const out: Offence[] = [];
  for (const m of text.matchAll(RULE_NUMBER)) {
    out.push({
      file,
      line: lineOf(text, m.index),
      text: m[0],
      problem: 'names a rule by number: use its config id (docs/rules.md)',
    });
  }
  const cited = CODE.test(file) ? commentText(text) : text;
  const dir = path.posix.dirname(file);
  for (const m of cited.matchAll(MD_PATH)) {
    const target = m[0];
    const candidates = [path.posix.normalize(target), path.posix.normalize(path.posix.join(dir, target))];
    if (candidates.some((c) => !c.startsWith('../') && exists(c))) continue;
    out.push({
      file,
      line: lineOf(cited, m.index),
      text: target,
      problem: 'cites a document the repository does not contain',
    });
  }
  return out;
}
