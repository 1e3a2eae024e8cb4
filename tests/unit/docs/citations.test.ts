import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inScope, type Offence, offencesIn, ROOMS, ROOT, repositoryFiles } from './citations';

/** The citation check (citations.ts) over the whole repository, and the check itself on samples. */

describe('the repository cites only itself', () => {
  const files = repositoryFiles();
  const known = new Set(files);
  const exists = (relative: string) => known.has(relative);

  it('reads every document and source it should', () => {
    const scoped = files.filter(inScope);
    // The four documents are there, and the scan reaches every room.
    for (const doc of ['docs/architecture.md', 'docs/rules.md', 'docs/gateway.md', 'docs/testing.md']) {
      expect(known.has(doc), doc).toBe(true);
    }
    expect(ROOMS.filter((room) => !scoped.some((f) => f.startsWith(room)))).toEqual([]);
    expect(scoped).toContain('README.md');
  });

  it('every *.md path a comment or a document cites is in the repository, and no rule goes by number', () => {
    const offences: Offence[] = [];
    for (const file of files.filter(inScope)) {
      const buffer = readFileSync(path.join(ROOT, file));
      if (buffer.includes(0)) continue; // binary (images)
      offences.push(...offencesIn(file, buffer.toString('utf8'), exists));
    }
    expect(offences.map((o) => `${o.file}:${o.line}: "${o.text}" ${o.problem}`)).toEqual([]);
  });

  it('links the four documents from the README', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const unlinked = ['docs/architecture.md', 'docs/rules.md', 'docs/gateway.md', 'docs/testing.md'].filter(
      (doc) => !readme.includes(`](${doc})`),
    );
    expect(unlinked).toEqual([]);
  });
});

describe('the citation check itself', () => {
  const repo = new Set(['docs/rules.md', 'docs/store/permissions.md', 'README.md']);
  const exists = (relative: string) => repo.has(relative);
  const n = 3;

  it('refuses a document outside the repository, cited from a comment or a document', () => {
    const code = `// see ../shared/docs/gateway-api.md\nconst x = 1; /* architecture.md */\n`;
    expect(offencesIn('src/core/x.ts', code, exists).map((o) => [o.line, o.text])).toEqual([
      [1, '../shared/docs/gateway-api.md'],
      [2, 'architecture.md'],
    ]);
    expect(offencesIn('docs/x.md', 'Read [it](risk-rules.md).', exists).map((o) => o.text)).toEqual(['risk-rules.md']);
  });

  it('accepts a path from the root or from the citing file’s folder, and a name in a string', () => {
    expect(offencesIn('src/a.ts', '/** docs/rules.md, "Words" */', exists)).toEqual([]);
    expect(offencesIn('docs/store/listing.md', 'See [the table](permissions.md).', exists)).toEqual([]);
    expect(offencesIn('scripts/check.ts', "problems.push('permissions.md: no table');", exists)).toEqual([]);
    const open = '$' + '{';
    expect(offencesIn('src/a.ts', `const url = \`https://x/${open}"a.md"}\`; // README.md`, exists)).toEqual([]);
  });

  it('refuses a rule named by its number anywhere, titles and strings included', () => {
    const text = `describe('rule ${n}: daily realized loss', () => {});\n// Rules ${n} and ${n + 1}\n`;
    expect(offencesIn('tests/unit/x.test.ts', text, exists).map((o) => [o.line, o.text])).toEqual([
      [1, `rule ${n}`],
      [2, `Rules ${n}`],
    ]);
    expect(offencesIn('src/a.ts', '// the rule engine runs 17 rules; rule-block.ts', exists)).toEqual([]);
  });
});
