// `npm run release-check`: are the zips in .output what the stores accept? Run `npm run zip`
// first. Offline and fast (web-ext lint is most of its time), so `npm test` runs it too.
//
//   npm run release-check                     the checks below on the three zips
//   npm run release-check -- --build-sources  also unpack the sources zip in a temporary folder,
//                                             `npm ci` and build there (needs the npm registry),
//                                             and compare the result with the store zips, file by file
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { WHATS_NEW } from '../../src/ui/whats-new';
import { pngSize } from '../png';
import {
  type Browser,
  checkManifest,
  checkPermissionDoc,
  checkSources,
  type Files,
  findRemoteCode,
  parsePermissionDoc,
  readManifest,
} from './checks';
import { artifactNames, filesUnder, listingScreenshots, ROOT, STORE_ASSETS, STORE_SCREENSHOT } from './paths';

const results: Array<{ name: string; problems: string[] }> = [];
function record(name: string, problems: string[]): void {
  results.push({ name, problems });
  console.log(problems.length === 0 ? `✓ ${name}` : `✗ ${name}\n${problems.map((p) => `    - ${p}`).join('\n')}`);
}

async function readZip(file: string): Promise<Files> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('uint8array'));
  return files;
}

function extract(files: Files, dir: string): void {
  for (const [name, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
}

/** web-ext lint (offline) on the unpacked Firefox zip: the errors, and the warnings shown. */
function webExtLint(dir: string): string[] {
  const res = spawnSync('npx', ['web-ext', 'lint', '-s', dir, '--output', 'json', '--boring'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  let report: Record<string, Array<{ code: string; message: string; file?: string }>>;
  try {
    report = JSON.parse(res.stdout);
  } catch {
    return [`web-ext lint gave no JSON report: ${res.stderr.slice(0, 300)}`];
  }
  for (const w of report.warnings ?? []) console.log(`    (warning ${w.code}: ${w.message} ${w.file ?? ''})`);
  return (report.errors ?? []).map((e) => `web-ext lint error ${e.code}: ${e.message} ${e.file ?? ''}`);
}

/** The sources zip, built from scratch in a temporary folder, gives the store zips' files. */
function buildFromSources(sources: Files, stores: Readonly<Record<Browser, Files>>): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-sources-'));
  try {
    extract(sources, dir);
    console.log(`    building the sources in ${dir} (npm ci, npm run build) …`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    const env = { ...process.env };
    delete env.RG_LOCAL_GATEWAY;
    // Exactly BUILDING.md's commands.
    execFileSync('npm', ['run', 'build:firefox'], { cwd: dir, stdio: 'inherit', env });
    execFileSync('npm', ['run', 'build:chrome'], { cwd: dir, stdio: 'inherit', env });
    const problems: string[] = [];
    for (const browser of ['chrome', 'firefox'] as const) {
      const outDir = path.join(dir, '.output', `${browser}-mv3`);
      for (const name of filesUnder(outDir)) {
        if (!stores[browser].has(name))
          problems.push(`${browser}: ${name} is built from the sources but not in the store zip`);
      }
      for (const [name, bytes] of stores[browser]) {
        const built = path.join(outDir, name);
        if (!existsSync(built)) problems.push(`${browser}: ${name} is in the store zip but not built from the sources`);
        else if (!readFileSync(built).equals(Buffer.from(bytes))) {
          problems.push(`${browser}: ${name} built from the sources differs from the store zip's`);
        }
      }
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const names = artifactNames(pkg);
  const missing = Object.values(names).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`Missing ${missing.map((f) => path.relative(ROOT, f)).join(', ')}: run npm run zip first.`);
    process.exit(1);
  }
  const stores: Record<Browser, Files> = { chrome: await readZip(names.chrome), firefox: await readZip(names.firefox) };
  const sources = await readZip(names.sources);

  for (const browser of ['chrome', 'firefox'] as const) {
    record(
      `${browser}: manifest fields and icon sizes the store requires, version ${pkg.version}`,
      checkManifest(stores[browser], browser, pkg.version),
    );
    record(`${browser}: no remote code`, findRemoteCode(stores[browser]));
  }
  const lintDir = mkdtempSync(path.join(os.tmpdir(), 'rg-lint-'));
  try {
    extract(stores.firefox, lintDir);
    record('firefox: web-ext lint, 0 errors', webExtLint(lintDir));
  } finally {
    rmSync(lintDir, { recursive: true, force: true });
  }
  const doc = parsePermissionDoc(readFileSync(path.join(ROOT, 'docs/store/permissions.md'), 'utf8'));
  record('every permission justified in docs/store/permissions.md (and nothing more)', [
    ...doc.problems,
    ...checkPermissionDoc(doc.rows, { chrome: readManifest(stores.chrome), firefox: readManifest(stores.firefox) }),
  ]);
  record('sources zip: what a clean build needs, nothing built', checkSources(sources, pkg.version));

  const release: string[] = [];
  const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  if (!new RegExp(`^## ${pkg.version.replaceAll('.', '\\.')}\\b`, 'm').test(changelog)) {
    release.push(`CHANGELOG.md has no "## ${pkg.version}" section`);
  }
  if (!WHATS_NEW[pkg.version])
    release.push(`src/ui/whats-new.ts has no line for ${pkg.version} (the popup says it after an update)`);
  for (const doc of ['docs/store/privacy.md', 'docs/store/listing.md']) {
    if (!existsSync(path.join(ROOT, doc))) release.push(`${doc} is missing`);
  }
  const shots = listingScreenshots();
  if (shots.length === 0) release.push('docs/store/listing.md shows no screenshot');
  for (const shot of shots) {
    if (!existsSync(shot)) release.push(`the listing's screenshot ${path.relative(ROOT, shot)} is missing`);
    const storeCopy = path.join(STORE_ASSETS, path.basename(shot));
    if (!existsSync(storeCopy))
      release.push(`no store-sized copy ${path.relative(ROOT, storeCopy)} (npm run zip makes it)`);
    else {
      const { width, height } = pngSize(readFileSync(storeCopy));
      if (width !== STORE_SCREENSHOT.width || height !== STORE_SCREENSHOT.height) {
        release.push(`${path.relative(ROOT, storeCopy)} is ${width}×${height}, the Chrome Web Store takes 1280×800`);
      }
    }
  }
  record(
    `release notes: CHANGELOG ${pkg.version}, the popup's update line, privacy and listing with screenshots`,
    release,
  );

  if (process.argv.includes('--build-sources')) {
    record(
      'the sources zip builds on a clean folder into the store zips, file for file',
      buildFromSources(sources, stores),
    );
  }

  const failed = results.filter((r) => r.problems.length > 0);
  console.log(`release-check: ${results.length - failed.length} of ${results.length} checks passed`);
  process.exit(failed.length === 0 ? 0 : 1);
}

await main();
