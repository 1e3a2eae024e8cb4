import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../../scripts/png';
import {
  checkManifest,
  checkPermissionDoc,
  checkSources,
  findRemoteCode,
  type Manifest,
  parsePermissionDoc,
} from '../../../../scripts/release/checks';

const png = (size: number) => encodePng({ width: size, height: size, data: new Uint8Array(size * size * 4) });
const enc = (s: string) => new TextEncoder().encode(s);

function manifest(over: Partial<Manifest> = {}): Manifest {
  return {
    manifest_version: 3,
    name: 'TopstepX Risk Guard',
    description: 'Keeps you inside your limits.',
    version: '0.2.0',
    icons: { '16': 'icon/16.png', '32': 'icon/32.png', '48': 'icon/48.png', '128': 'icon/128.png' },
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://api.topstepx.com/*'],
    optional_host_permissions: ['http://127.0.0.1/*'],
    content_scripts: [{ matches: ['https://www.topstepx.com/*'], js: ['content-scripts/topstepx.js'] }],
    ...over,
  };
}

function zip(m: Manifest, extra: Record<string, string | Uint8Array> = {}): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([['manifest.json', enc(JSON.stringify(m))]]);
  for (const size of [16, 32, 48, 128]) files.set(`icon/${size}.png`, png(size));
  for (const [name, content] of Object.entries(extra))
    files.set(name, typeof content === 'string' ? enc(content) : content);
  return files;
}

describe('release check: manifest', () => {
  it('passes a store build with the fields and icons the stores require', () => {
    expect(checkManifest(zip(manifest()), 'chrome', '0.2.0')).toEqual([]);
  });

  it('names a version that differs from package.json, or is not a store version', () => {
    expect(checkManifest(zip(manifest()), 'chrome', '0.3.0')).toEqual([
      "version 0.2.0 differs from package.json's 0.3.0",
    ]);
    expect(checkManifest(zip(manifest({ version: '1.0.0-beta' })), 'chrome', '1.0.0-beta')[0]).toMatch(
      /not 1-4 dot-separated/,
    );
  });

  it('names a missing icon, an icon not in the zip and an icon of the wrong size', () => {
    const files = zip(manifest({ icons: { '16': 'icon/16.png', '32': 'icon/32.png', '48': 'icon/nope.png' } }));
    files.set('icon/32.png', png(48));
    expect(checkManifest(files, 'chrome', '0.2.0')).toEqual([
      'icon icon/32.png is 48×48, not 32×32',
      'icon icon/nope.png is not in the zip',
      'icons has no 128×128 icon',
    ]);
  });

  it("refuses a description past the Chrome Web Store's 132 characters", () => {
    expect(checkManifest(zip(manifest({ description: 'x'.repeat(133) })), 'chrome', '0.2.0')).toEqual([
      'description must be 1-132 characters (Chrome Web Store)',
    ]);
  });

  it('refuses the local build: loopback hosts required, a key', () => {
    const local = manifest({ host_permissions: ['https://api.topstepx.com/*', 'http://127.0.0.1/*'], key: 'abc' });
    expect(checkManifest(zip(local), 'chrome', '0.2.0')).toEqual([
      'a store build must not carry a "key"',
      "http://127.0.0.1/* is required: that is the local build's, a store build only asks for it as optional",
    ]);
  });

  it('asks Firefox builds for the add-on id, the minimum version and the data collection declaration', () => {
    expect(checkManifest(zip(manifest()), 'firefox', '0.2.0')).toHaveLength(3);
    const gecko = { id: 'a@b', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } };
    expect(checkManifest(zip(manifest({ browser_specific_settings: { gecko } })), 'firefox', '0.2.0')).toEqual([]);
  });
});

describe('release check: no remote code', () => {
  it('passes pages whose scripts are all in the package', () => {
    const files = zip(manifest(), {
      'popup.html': '<script type="module" crossorigin src="/chunks/popup.js"></script>',
      'chunks/popup.js': 'import{a}from"./x.js";fetch("https://api.topstepx.com/api/Account/search")',
    });
    expect(findRemoteCode(files)).toEqual([]);
  });

  it('names remote scripts, missing scripts, and code pulled from URLs', () => {
    const files = zip(manifest(), {
      'a.html': '<script src="https://cdn.example.com/lib.js"></script><script src="./gone.js"></script>',
      'b.js': 'importScripts("x.js")',
      'c.js': 'await import("https://evil.example/x.js")',
      'd.js': 's.src = "//cdn.example.com/x.js"',
    });
    expect(findRemoteCode(files)).toEqual([
      'a.html loads a remote script: https://cdn.example.com/lib.js',
      'a.html loads ./gone.js, which is not in the zip',
      'b.js uses importScripts()',
      'c.js uses import() of a URL',
      'd.js uses a script element pointed at a URL',
    ]);
  });

  it('refuses a content security policy that allows eval, remote scripts or the loopback simulator', () => {
    const csp = (extension_pages: string) =>
      findRemoteCode(zip(manifest({ content_security_policy: { extension_pages } })));
    expect(csp("script-src 'self'; object-src 'self'")).toEqual([]);
    expect(csp("script-src 'self' 'unsafe-eval'")).toHaveLength(1);
    expect(csp("script-src 'self' https://cdn.example.com")).toHaveLength(1);
    expect(csp("script-src 'self'; connect-src 'self' ws://127.0.0.1:*")).toEqual([
      "content_security_policy.extension_pages allows the loopback simulator: that is the local build's",
    ]);
  });
});

describe('release check: every permission justified', () => {
  const doc = `
| permission | kind | browsers | why |
| --- | --- | --- | --- |
| \`storage\` | permission | Chrome, Firefox | settings and the popup's snapshot |
| \`alarms\` | permission | Chrome, Firefox | the watchdog and lockout ends |
| \`https://api.topstepx.com/*\` | host | Chrome, Firefox | the gateway REST API |
| \`http://127.0.0.1/*\` | optional host | Chrome, Firefox | the local simulator only |
| \`https://www.topstepx.com/*\` | content script | Chrome, Firefox | the status chip on the page |
`;

  it('passes when the table and both manifests agree', () => {
    const { rows, problems } = parsePermissionDoc(doc);
    expect(problems).toEqual([]);
    expect(checkPermissionDoc(rows, { chrome: manifest(), firefox: manifest() })).toEqual([]);
  });

  it('fails both ways: a permission without a reason, and a reason for a permission no longer asked for', () => {
    const { rows } = parsePermissionDoc(doc);
    const chrome = manifest({ permissions: ['storage', 'alarms', 'offscreen'] });
    const firefox = manifest({ optional_host_permissions: [] });
    expect(checkPermissionDoc(rows, { chrome, firefox })).toEqual([
      'chrome asks for permission offscreen, which docs/store/permissions.md does not justify',
      'docs/store/permissions.md lists optional host http://127.0.0.1/* for firefox, which its manifest no longer asks for',
    ]);
  });

  it('tells the kinds apart: a host made optional needs its row changed', () => {
    const { rows } = parsePermissionDoc(doc);
    const moved = manifest({
      host_permissions: [],
      optional_host_permissions: ['http://127.0.0.1/*', 'https://api.topstepx.com/*'],
    });
    expect(checkPermissionDoc(rows, { chrome: moved, firefox: manifest() })).toEqual([
      'chrome asks for optional host https://api.topstepx.com/*, which docs/store/permissions.md does not justify',
      'docs/store/permissions.md lists host https://api.topstepx.com/* for chrome, which its manifest no longer asks for',
    ]);
  });

  it('says when a row is malformed or gives no reason', () => {
    expect(parsePermissionDoc('| `tabs` | permision | Chrome | why we need it |').problems).toEqual([
      'permissions.md: tabs has kind "permision", not one of permission, optional permission, host, optional host, content script',
      'permissions.md has no permission table',
    ]);
    expect(parsePermissionDoc('| `tabs` | permission | Chrome, Edge | because |').problems[0]).toMatch(
      /names browsers/,
    );
    expect(parsePermissionDoc('| `tabs` | permission | Chrome | |').problems[0]).toBe(
      'permissions.md: tabs (permission) has no reason',
    );
  });
});

describe('release check: sources zip', () => {
  const files = (names: string[]) =>
    new Map(names.map((n) => [n, enc(n === 'package.json' ? '{"version":"0.2.0"}' : '')]));
  const complete = [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'BUILDING.md',
    'entrypoints/background.ts',
    'src/a.ts',
  ];

  it('passes what a clean build needs', () => {
    expect(checkSources(files(complete), '0.2.0')).toEqual([]);
  });

  it('names what is missing and what must not be there', () => {
    expect(
      checkSources(
        files([
          ...complete.slice(1),
          'node_modules/x/index.js',
          '.env',
          'tests/e2e/fixtures/previous-release/chrome-mv3-local/background.js',
        ]),
        '0.2.0',
      ),
    ).toEqual([
      'the sources zip has no package.json',
      'the sources zip holds node_modules/x/index.js',
      'the sources zip holds .env (environment secrets?)',
      'the sources zip holds built code: tests/e2e/fixtures/previous-release/chrome-mv3-local/background.js',
    ]);
  });
});
