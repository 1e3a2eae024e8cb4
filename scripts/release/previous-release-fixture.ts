// Rebuilds the committed fixture of the previous release's local-gateway Chrome build, which
// the update test (tests/e2e/update.spec.ts) installs before replacing it with the current build.
//
//   npm run fixture:previous-release -- v0.1.0
//
// Why a committed build and not a build at test time: a clean CI checkout may have no tags,
// and building an old release needs its own `npm ci` (network, ~1 min). The fixture is made
// from the tag alone (`git archive`, so no local change can leak in), with the tag's own
// lock file, and its BUILD-INFO.json says how; re-running this command remakes it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filesUnder, ROOT } from './paths';

export const PREVIOUS_RELEASE_DIR = path.join(ROOT, 'tests/e2e/fixtures/previous-release');
export const PREVIOUS_RELEASE_BUILD = path.join(PREVIOUS_RELEASE_DIR, 'chrome-mv3-local');

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function main(): void {
  const tag = process.argv[2];
  if (!tag) throw new Error('Name the previous release tag: npm run fixture:previous-release -- vX.Y.Z');
  let commit: string;
  try {
    commit = sh('git', ['rev-parse', `${tag}^{commit}`], ROOT).trim();
  } catch {
    throw new Error(`No tag ${tag} in this clone. Fetch the tags first: git fetch --tags`);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'rg-previous-release-'));
  try {
    console.log(`Exporting ${tag} (${commit}) to ${work}`);
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${work}"`], { cwd: ROOT, stdio: 'inherit' });
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work, stdio: 'inherit' });
    execFileSync('npx', ['wxt', 'build'], {
      cwd: work,
      stdio: 'inherit',
      env: { ...process.env, RG_LOCAL_GATEWAY: '1' },
    });
    const built = path.join(work, '.output/chrome-mv3-local');
    rmSync(PREVIOUS_RELEASE_BUILD, { recursive: true, force: true });
    cpSync(built, PREVIOUS_RELEASE_BUILD, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(built, 'manifest.json'), 'utf8')) as { version: string };
    const files = Object.fromEntries(
      filesUnder(PREVIOUS_RELEASE_BUILD).map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(PREVIOUS_RELEASE_BUILD, f)))
          .digest('hex'),
      ]),
    );
    const info = {
      what: 'The local-gateway Chrome build (RG_LOCAL_GATEWAY=1 npx wxt build) of the previous release',
      tag,
      commit,
      version: manifest.version,
      node: process.version,
      remake: `npm run fixture:previous-release -- ${tag}`,
      files,
    };
    writeFileSync(path.join(PREVIOUS_RELEASE_DIR, 'BUILD-INFO.json'), `${JSON.stringify(info, null, 2)}\n`);
    console.log(
      `Fixture of ${tag} (version ${manifest.version}) written to ${path.relative(ROOT, PREVIOUS_RELEASE_DIR)}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
