import { pngSize } from '../png';

/**
 * The store checks of `npm run release-check`, as pure functions over a zip's files (path →
 * bytes) and the texts they are checked against. Each returns the problems it found, in words;
 * an empty list passes. The CLI (check.ts) reads the zips and runs web-ext lint.
 */

export type Files = ReadonlyMap<string, Uint8Array>;
export type Browser = 'chrome' | 'firefox';

export interface Manifest {
  manifest_version?: unknown;
  name?: unknown;
  short_name?: unknown;
  description?: unknown;
  version?: unknown;
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches?: string[]; js?: string[] }>;
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  browser_specific_settings?: {
    gecko?: { id?: unknown; strict_min_version?: unknown; data_collection_permissions?: unknown };
  };
  key?: unknown;
  update_url?: unknown;
  [field: string]: unknown;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export function readManifest(files: Files): Manifest {
  const raw = files.get('manifest.json');
  if (!raw) throw new Error('no manifest.json at the root of the zip');
  return JSON.parse(text(raw)) as Manifest;
}

/** Icon sizes every store build carries (Chrome's store needs 128; 16/32/48 are the toolbar and the extensions page). */
export const REQUIRED_ICON_SIZES = [16, 32, 48, 128] as const;
/** Loopback hosts: the local build's, never a store build's required hosts. */
const LOOPBACK = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost)\b/;

/** The manifest fields the stores require, the icons with their real sizes, and no local-build leftovers. */
export function checkManifest(files: Files, browser: Browser, packageVersion: string): string[] {
  const m = readManifest(files);
  const problems: string[] = [];
  if (m.manifest_version !== 3) problems.push(`manifest_version is ${String(m.manifest_version)}, not 3`);
  if (typeof m.name !== 'string' || m.name.length === 0 || m.name.length > 75) {
    problems.push('name must be 1-75 characters (Chrome Web Store)');
  }
  if (m.short_name !== undefined && (typeof m.short_name !== 'string' || m.short_name.length > 12)) {
    problems.push('short_name must be at most 12 characters');
  }
  if (typeof m.description !== 'string' || m.description.length === 0 || m.description.length > 132) {
    problems.push('description must be 1-132 characters (Chrome Web Store)');
  }
  if (
    typeof m.version !== 'string' ||
    !/^\d+(\.\d+){0,3}$/.test(m.version) ||
    m.version.split('.').some((p) => Number(p) > 65535)
  ) {
    problems.push(`version ${String(m.version)} is not 1-4 dot-separated integers of at most 65535`);
  } else if (m.version !== packageVersion) {
    problems.push(`version ${m.version} differs from package.json's ${packageVersion}`);
  }
  for (const size of REQUIRED_ICON_SIZES) {
    const file = m.icons?.[String(size)];
    const bytes = file === undefined ? undefined : files.get(file);
    if (file === undefined) problems.push(`icons has no ${size}×${size} icon`);
    else if (!bytes) problems.push(`icon ${file} is not in the zip`);
    else {
      try {
        const { width, height } = pngSize(bytes);
        if (width !== size || height !== size) problems.push(`icon ${file} is ${width}×${height}, not ${size}×${size}`);
      } catch {
        problems.push(`icon ${file} is not a PNG`);
      }
    }
  }
  if (m.key !== undefined) problems.push('a store build must not carry a "key"');
  if (m.update_url !== undefined) problems.push('a store build must not carry an "update_url" (the store updates it)');
  const required = [...(m.host_permissions ?? []), ...(m.content_scripts ?? []).flatMap((c) => c.matches ?? [])];
  for (const host of required.filter((h) => LOOPBACK.test(h))) {
    problems.push(`${host} is required: that is the local build's, a store build only asks for it as optional`);
  }
  if (browser === 'firefox') {
    const gecko = m.browser_specific_settings?.gecko;
    if (typeof gecko?.id !== 'string')
      problems.push('browser_specific_settings.gecko.id is missing (AMO needs the add-on id)');
    if (typeof gecko?.strict_min_version !== 'string')
      problems.push('browser_specific_settings.gecko.strict_min_version is missing');
    if (gecko?.data_collection_permissions === undefined) {
      problems.push('browser_specific_settings.gecko.data_collection_permissions is missing (AMO requires it)');
    }
  }
  return problems;
}

/** Script sources that fetch code from outside the package. */
const REMOTE_IN_JS: ReadonlyArray<[RegExp, string]> = [
  [/\bimportScripts\s*\(/, 'importScripts()'],
  [/\bimport\s*\(\s*['"`](https?:)?\/\//, 'import() of a URL'],
  [/\bfrom\s*['"](https?:)?\/\//, 'a static import from a URL'],
  [/\.src\s*=\s*['"`](https?:)?\/\/[^'"`]*\.m?js\b/, 'a script element pointed at a URL'],
];

/**
 * No remote code: every script an HTML page loads is a file in the zip, no script imports or
 * injects code from a URL, and the content security policy (when the manifest sets one)
 * allows scripts from the package only, without eval.
 */
export function findRemoteCode(files: Files): string[] {
  const problems: string[] = [];
  for (const [file, bytes] of files) {
    if (file.endsWith('.html')) {
      for (const match of text(bytes).matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
        const src = match[1] ?? '';
        if (/^(https?:)?\/\//i.test(src)) problems.push(`${file} loads a remote script: ${src}`);
        else {
          const local = src.replace(/^\//, '').replace(/^\.\//, '');
          if (!files.has(local)) problems.push(`${file} loads ${src}, which is not in the zip`);
        }
      }
    }
    if (/\.m?js$/.test(file)) {
      const code = text(bytes);
      for (const [pattern, what] of REMOTE_IN_JS) if (pattern.test(code)) problems.push(`${file} uses ${what}`);
    }
  }
  const csp = readManifest(files).content_security_policy;
  for (const [where, policy] of Object.entries(csp ?? {})) {
    const scriptSrc = /script-src([^;]*)/.exec(String(policy))?.[1] ?? '';
    if (/https?:|\*|'unsafe-eval'|'unsafe-inline'|data:|blob:/.test(scriptSrc)) {
      problems.push(`content_security_policy.${where} allows scripts from outside the package: script-src${scriptSrc}`);
    }
    if (/ws:\/\/127\.0\.0\.1|http:\/\/127\.0\.0\.1/.test(String(policy))) {
      problems.push(`content_security_policy.${where} allows the loopback simulator: that is the local build's`);
    }
  }
  return problems;
}

export type PermissionKind = 'permission' | 'optional permission' | 'host' | 'optional host' | 'content script';
export interface Permission {
  name: string;
  kind: PermissionKind;
}
const KINDS: readonly PermissionKind[] = [
  'permission',
  'optional permission',
  'host',
  'optional host',
  'content script',
];

/** What a manifest asks for, by kind. */
export function manifestPermissions(m: Manifest): Permission[] {
  const of = (names: readonly string[] | undefined, kind: PermissionKind) =>
    (names ?? []).map((name) => ({ name, kind }));
  return [
    ...of(m.permissions, 'permission'),
    ...of(m.optional_permissions, 'optional permission'),
    ...of(m.host_permissions, 'host'),
    ...of(m.optional_host_permissions, 'optional host'),
    ...of([...new Set((m.content_scripts ?? []).flatMap((c) => c.matches ?? []))], 'content script'),
  ];
}

export interface DocRow extends Permission {
  browsers: Browser[];
  why: string;
}

/** The rows of the table in docs/store/permissions.md: | `name` | kind | browsers | why |. */
export function parsePermissionDoc(markdown: string): { rows: DocRow[]; problems: string[] } {
  const rows: DocRow[] = [];
  const problems: string[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.trim().startsWith('|')
      ? line
          .trim()
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim())
      : [];
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!name) continue;
    const [, kind = '', browsers = '', why = ''] = cells;
    if (!(KINDS as readonly string[]).includes(kind)) {
      problems.push(`permissions.md: ${name} has kind "${kind}", not one of ${KINDS.join(', ')}`);
      continue;
    }
    const list = browsers.split(',').map((b) => b.trim().toLowerCase());
    if (list.some((b) => b !== 'chrome' && b !== 'firefox') || list.length === 0) {
      problems.push(`permissions.md: ${name} (${kind}) names browsers "${browsers}"; use Chrome, Firefox`);
      continue;
    }
    if (why.length < 10) problems.push(`permissions.md: ${name} (${kind}) has no reason`);
    rows.push({ name, kind: kind as PermissionKind, browsers: list as Browser[], why });
  }
  if (rows.length === 0) problems.push('permissions.md has no permission table');
  return { rows, problems };
}

/** Both ways: every permission a manifest asks for has its row, and every row is asked for. */
export function checkPermissionDoc(rows: readonly DocRow[], manifests: Readonly<Record<Browser, Manifest>>): string[] {
  const problems: string[] = [];
  for (const browser of Object.keys(manifests) as Browser[]) {
    const asked = manifestPermissions(manifests[browser]);
    for (const p of asked) {
      const row = rows.find((r) => r.name === p.name && r.kind === p.kind);
      if (!row)
        problems.push(`${browser} asks for ${p.kind} ${p.name}, which docs/store/permissions.md does not justify`);
      else if (!row.browsers.includes(browser)) {
        problems.push(
          `${browser} asks for ${p.kind} ${p.name}, but docs/store/permissions.md does not list ${browser} for it`,
        );
      }
    }
    for (const row of rows.filter((r) => r.browsers.includes(browser))) {
      if (!asked.some((p) => p.name === row.name && p.kind === row.kind)) {
        problems.push(
          `docs/store/permissions.md lists ${row.kind} ${row.name} for ${browser}, which its manifest no longer asks for`,
        );
      }
    }
  }
  return problems;
}

/** Files a sources zip must hold to be built, and files it must not. */
export function checkSources(files: Files, packageVersion: string): string[] {
  const problems: string[] = [];
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'BUILDING.md']) {
    if (!files.has(needed)) problems.push(`the sources zip has no ${needed}`);
  }
  if (![...files.keys()].some((f) => f.startsWith('entrypoints/')))
    problems.push('the sources zip has no entrypoints/');
  if (![...files.keys()].some((f) => f.startsWith('src/'))) problems.push('the sources zip has no src/');
  const pkg = files.get('package.json');
  if (pkg && (JSON.parse(text(pkg)) as { version?: string }).version !== packageVersion) {
    problems.push(`the sources zip's package.json is not version ${packageVersion}`);
  }
  for (const file of files.keys()) {
    if (/(^|\/)(node_modules|\.output|\.wxt|coverage|test-results)\//.test(file))
      problems.push(`the sources zip holds ${file}`);
    if (/(^|\/)\.env(\.|$)/.test(file)) problems.push(`the sources zip holds ${file} (environment secrets?)`);
    if (file.startsWith('tests/e2e/fixtures/previous-release/'))
      problems.push(`the sources zip holds built code: ${file}`);
  }
  return problems;
}
