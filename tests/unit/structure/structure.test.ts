import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importCycles, importEdges, ROOT, sourceFiles } from './import-graph';
import { codeTokens } from './source-text';

/**
 * The structure of the product code, held as docs/architecture.md describes it ("Rooms"):
 * no import cycle, every import pointing down the layers, `src/core` free of the browser,
 * and no file past 300 lines unless it is one concept (the list below says which, and why).
 * Every import counts, `import type` included: a type ties two files as much as a value.
 * Tests are not product code: they may import anything, and their length is their own.
 */

const PRODUCT = ['src', 'entrypoints', 'simulator', 'scripts'];
const files = sourceFiles(PRODUCT);
const edges = importEdges(files);
const inRepo = edges.filter((e) => !e.isPackage);
const where = (e: ImportEdge) => `${e.from}:${e.line} imports ${e.to}`;

describe('the import graph', () => {
  it('reads the product code whole', () => {
    for (const room of PRODUCT)
      expect(
        files.some((f) => f.startsWith(`${room}/`)),
        room,
      ).toBe(true);
    expect(files).toContain('src/core/guard/create-guard.ts');
    expect(inRepo.length).toBeGreaterThan(1000);
  });

  it('has no cycle: no file reaches itself through its imports', () => {
    const cycles = importCycles(inRepo).map(({ loop, files: knot }) => {
      const shown = loop.join(' → ');
      const others = knot.filter((f) => !loop.includes(f));
      if (others.length === 0) return shown;
      return `${shown}, in one knot with ${others.length > 8 ? `${others.length} other files` : others.join(', ')}`;
    });
    expect(cycles, 'import cycles: break each by passing the later part in, or by moving what both need').toEqual([]);
  });
});

/**
 * Core's rooms from the ground up. A room imports only rooms on floors below its own: two
 * rooms on one floor stand side by side and do not import each other.
 */
const CORE_FLOORS: readonly (readonly string[])[] = [
  ['ports.ts', 'error-message.ts'],
  ['storage', 'time', 'page'],
  ['journal', 'resilience'],
  ['gateway'],
  ['auth'],
  ['state'],
  ['realtime', 'rules'],
  ['lockouts', 'presets'],
  ['enforce'],
  ['guard'],
  ['replay'],
];

/** Core's room of a file (`state` for src/core/state/x.ts, `ports.ts` for src/core/ports.ts), undefined outside core. */
function coreRoom(file: string): string | undefined {
  return file.startsWith('src/core/') ? file.slice('src/core/'.length).split('/')[0] : undefined;
}

function floorOf(room: string): number {
  return CORE_FLOORS.findIndex((floor) => floor.includes(room));
}

/** What each room outside core may import of the repository, besides itself: paths, folders ending in `/`. */
const OUTER_ROOMS: readonly { room: string; may: readonly string[]; typesOnly?: readonly string[] }[] = [
  // The contract between contexts restates core's shapes and checks them at compile time only.
  { room: 'src/messaging/', may: [], typesOnly: ['src/core/'] },
  { room: 'src/ui/', may: ['src/messaging/', 'src/core/gateway/symbols.ts', 'src/core/error-message.ts'] },
  { room: 'src/worker/', may: ['src/core/', 'src/messaging/', 'src/ui/format.ts'] },
  { room: 'entrypoints/', may: ['src/'] },
  {
    room: 'simulator/',
    may: [
      'src/core/gateway/',
      'src/core/state/trading-day.ts',
      'src/core/rules/wall-clock/zoned-time.ts',
      'src/core/error-message.ts',
    ],
  },
  { room: 'scripts/', may: ['src/', 'simulator/', 'tests/e2e/support/'] },
];

/** The packages core may use, and where: the rest of its effects come in through ports. */
const CORE_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  zod: ['src/core/'],
  idb: ['src/core/storage/', 'src/core/journal/'],
  'css-selector-parser': ['src/core/page/'],
  '@microsoft/signalr': ['src/core/realtime/hub-transport.ts'],
};

const under = (file: string, places: readonly string[]) => places.some((p) => file === p || file.startsWith(p));
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('imports run down the layers', () => {
  it('puts every product file in a room of docs/architecture.md, and every core room on a floor', () => {
    const homeless = files.filter((f) => {
      const room = coreRoom(f);
      if (room !== undefined) return floorOf(room) === -1;
      return !OUTER_ROOMS.some((r) => f.startsWith(r.room));
    });
    expect(homeless, 'files in no room: add the room to the lists here and to docs/architecture.md').toEqual([]);
  });

  it('keeps every import inside core pointing to a lower floor', () => {
    const upward = inRepo.flatMap((e) => {
      const from = coreRoom(e.from);
      const to = coreRoom(e.to);
      if (from === undefined || to === undefined || from === to) return [];
      if (floorOf(to) < floorOf(from)) return [];
      const how = floorOf(to) === floorOf(from) ? 'stands beside' : 'stands above';
      return [`${where(e)}: core's ${to} ${how} ${from}`];
    });
    expect(upward, 'upward imports inside src/core').toEqual([]);
  });

  it('lets src/core import nothing outside core but its packages', () => {
    const out = edges.flatMap((e) => {
      if (coreRoom(e.from) === undefined) return [];
      if (!e.isPackage) return coreRoom(e.to) === undefined ? [`${where(e)}: core stands below every other room`] : [];
      const allowed = CORE_PACKAGES[e.to];
      if (allowed === undefined)
        return [`${where(e)}: a package core does not use (its effects come in through ports)`];
      return under(e.from, allowed) ? [] : [`${where(e)}: only ${allowed.join(', ')} may use ${e.to}`];
    });
    expect(out, 'imports out of src/core').toEqual([]);
  });

  it('lets each room outside core import only what docs/architecture.md allows it', () => {
    const out = inRepo.flatMap((e) => {
      const rule = OUTER_ROOMS.find((r) => e.from.startsWith(r.room));
      if (rule === undefined || e.to.startsWith(rule.room)) return [];
      if (under(e.to, rule.may)) return [];
      if (rule.typesOnly !== undefined && under(e.to, rule.typesOnly)) {
        return e.typeOnly ? [] : [`${where(e)}: ${rule.room} takes only types from ${rule.typesOnly.join(', ')}`];
      }
      const allowed = [...rule.may, ...(rule.typesOnly ?? []).map((p) => `${p} (types)`)];
      return [`${where(e)}: ${rule.room} may import ${allowed.join(', ') || 'nothing outside itself'}`];
    });
    expect(out, 'imports against the layers').toEqual([]);
  });

  it('keeps Node out of the code that runs in the browser', () => {
    const out = edges.filter((e) => e.isPackage && NODE_BUILTINS.has(e.to) && /^(src|entrypoints)\//.test(e.from));
    expect(out.map(where), 'Node built-ins in browser code').toEqual([]);
  });
});

/** The browser's globals core must never touch: every effect comes in through a port. */
const BROWSER_GLOBALS = new Set(['chrome', 'browser', 'window', 'document']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'self']);

/** Where a source uses a browser global as such: not as a property (`x.window`) or a key (`{ window: w }`). */
function browserGlobalsIn(source: string): { name: string; line: number }[] {
  const tokens = codeTokens(source);
  const found: { name: string; line: number }[] = [];
  tokens.forEach((token, i) => {
    const before = tokens[i - 1]?.text;
    const after = tokens[i + 1]?.text;
    let name = token.text;
    if (GLOBAL_OBJECTS.has(before === '[' ? (tokens[i - 2]?.text ?? '') : '') && /^['"]/.test(name)) {
      name = name.slice(1, -1); // globalThis['chrome']
    } else if (before === '.') {
      if (!GLOBAL_OBJECTS.has(tokens[i - 2]?.text ?? '')) return; // a property, unless globalThis.chrome
    } else {
      const key = (after === ':' || (after === '?' && tokens[i + 2]?.text === ':')) && /^[{,;]$/.test(before ?? '');
      if (key) return;
    }
    if (BROWSER_GLOBALS.has(name)) found.push({ name, line: token.line });
  });
  return found;
}

describe('src/core is pure TypeScript', () => {
  it('never touches chrome, browser, window or document', () => {
    const uses = files
      .filter((f) => f.startsWith('src/core/'))
      .flatMap((f) =>
        browserGlobalsIn(readFileSync(path.join(ROOT, f), 'utf8')).map((u) => `${f}:${u.line}: ${u.name}`),
      );
    expect(uses, 'browser globals in src/core: pass the effect in through a port').toEqual([]);
  });

  it('tells a global from a property, a key, a comment or a string', () => {
    const source = [
      'const a = chrome.storage; // window',
      'const b = globalThis.browser;',
      "const c = self['document'];",
      "const d = { window: 1, w: x.window, s: 'window' };",
      'interface E { window: number; document?: string }',
      'const f = ok ? window : undefined;',
    ].join('\n');
    expect(browserGlobalsIn(source)).toEqual([
      { name: 'chrome', line: 1 },
      { name: 'browser', line: 2 },
      { name: 'document', line: 3 },
      { name: 'window', line: 6 },
    ]);
  });
});

const MAX_LINES = 300;

/**
 * Product files that may run past MAX_LINES, each with why it is one concept (splitting it
 * would scatter one idea over files that only make sense read together) and how far it may
 * grow before it must be split after all.
 */
const LONG_BUT_ONE_CONCEPT: Readonly<Record<string, { upTo: number; why: string }>> = {
  'src/core/auth/token-manager.ts': {
    upTo: 340,
    why: "one concept: the session token's life, driven through token-machine.ts; its parts are files already (jwt-expiry, session-store, sign-in-backoff, redact-secrets)",
  },
  'src/core/gateway/order-manager.ts': {
    upTo: 340,
    why: 'one concept: a mutation as a durable intent, from its record through its rounds to its one resolution, resumed after a restart (the header diagram); its parts are files already (order-steps, intent-store, placement-verifier, send-now, fill-tracker, keyed-lock)',
  },
};

function lineCount(file: string): number {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('files stay small', () => {
  const lengths = new Map(files.map((f) => [f, lineCount(f)]));

  it(`keeps every product file within ${MAX_LINES} lines, or says why it is one concept`, () => {
    const long = [...lengths].flatMap(([file, lines]) => {
      const allowed = LONG_BUT_ONE_CONCEPT[file];
      if (allowed === undefined) return lines > MAX_LINES ? [`${file}: ${lines} lines`] : [];
      return lines > allowed.upTo
        ? [`${file}: ${lines} lines, past the ${allowed.upTo} its one concept was allowed`]
        : [];
    });
    expect(long, `files over ${MAX_LINES} lines: split them by concept, named after what they export`).toEqual([]);
  });

  it('lists no file that is gone or back within the limit', () => {
    const stale = Object.keys(LONG_BUT_ONE_CONCEPT).filter((file) => (lengths.get(file) ?? 0) <= MAX_LINES);
    expect(stale, 'take these off LONG_BUT_ONE_CONCEPT').toEqual([]);
  });
});
