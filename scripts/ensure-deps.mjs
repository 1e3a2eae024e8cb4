// System dependencies the two README commands need. npm packages come from `npm ci`; a
// browser never comes from a download of Playwright's own: it is Debian's `chromium`.
// As root on Debian/Ubuntu a missing browser is installed with apt-get; otherwise we stop at
// once with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

function isDebianLike() {
  try {
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*(debian|ubuntu)/m.test(osRelease);
  } catch {
    return false;
  }
}

function aptInstall(packages) {
  console.log(`Installing ${packages.join(' ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

export function ensureSystemDeps({ chromium = false, firefox = false } = {}) {
  const missing = [];
  if (chromium && !process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (firefox && !existsSync('/usr/bin/firefox-esr')) missing.push('firefox-esr');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && isDebianLike()) {
    aptInstall(missing);
    return;
  }
  const hint = isDebianLike()
    ? `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`
    : `install ${missing.join(' and ')} and set CHROMIUM_PATH to the browser binary`;
  console.error(`Missing: ${missing.join(', ')}. Run:\n  ${hint}`);
  process.exit(2);
}

/** npm packages: installs them with `npm ci` when node_modules is missing or stale. */
export function ensureNodeModules(root) {
  const marker = `${root}/node_modules/.package-lock.json`;
  if (existsSync(marker)) return;
  console.log('Installing npm packages (npm ci) …');
  const res = spawnSync('npm', ['ci'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
