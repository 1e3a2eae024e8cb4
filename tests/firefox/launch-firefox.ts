import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Headless Firefox ESR with the LOCAL Firefox build, for checks observed from the simulator's
 * side (Playwright cannot drive stock Firefox). `web-ext run` installs the build as a
 * temporary add-on; the extension connects on its own from `dev-autoconnect.json`
 * (src/worker/dev-autoconnect.ts), written into a private copy of the build, so the shared
 * `.output/firefox-mv3-local` never holds credentials.
 *
 * Everything lives in one temporary folder (copy of the build, Firefox profile, web-ext's
 * TMPDIR); `close()` kills the whole process group and removes the folder.
 */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIREFOX_LOCAL_BUILD = path.join(ROOT, '.output', 'firefox-mv3-local');
const WEB_EXT = path.join(ROOT, 'node_modules', '.bin', 'web-ext');

/** Firefox ESR from Debian; `FIREFOX_PATH` overrides. Missing → a clear error with the install command. */
export function firefoxPath(): string {
  const candidate = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(candidate)) {
    throw new Error(
      `Firefox not found at ${candidate}. Install it: sudo apt-get update && sudo apt-get install -y firefox-esr (or set FIREFOX_PATH).`,
    );
  }
  return candidate;
}

/** `RG_LOCAL_GATEWAY=1 wxt build -b firefox --mv3` (loopback host permission, ws:// CSP, dev hooks). */
export function buildFirefoxLocal(): string {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, RG_LOCAL_GATEWAY: '1' },
  });
  return FIREFOX_LOCAL_BUILD;
}

export interface Autoconnect {
  userName: string;
  apiKey: string;
  gateway: { kind: 'custom'; restBase: string; userHub: string; marketHub: string };
}

export interface LaunchedFirefox {
  process: ChildProcess;
  /** Everything web-ext and Firefox printed (Firefox console lines included), for diagnostics. */
  output(): string;
  close(): Promise<void>;
}

export function launchFirefox(options: {
  buildDir: string;
  autoconnect: Autoconnect;
  prefs?: Record<string, string | number | boolean>;
}): LaunchedFirefox {
  const firefox = firefoxPath();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-firefox-'));
  const extDir = path.join(dir, 'extension');
  const profileDir = path.join(dir, 'profile');
  const tmpDir = path.join(dir, 'tmp');
  cpSync(options.buildDir, extDir, { recursive: true });
  writeFileSync(path.join(extDir, 'dev-autoconnect.json'), JSON.stringify(options.autoconnect));
  mkdirSync(tmpDir);
  const prefs = {
    // The extension's console (background page) on stdout, for diagnostics.
    'devtools.console.stdout.chrome': true,
    ...options.prefs,
  };
  const args = [
    'run',
    '--source-dir',
    extDir,
    '--firefox',
    firefox,
    '--firefox-profile',
    profileDir,
    '--profile-create-if-missing',
    '--keep-profile-changes',
    '--no-input',
    '--no-reload',
    '--arg=-headless',
    ...Object.entries(prefs).map(([k, v]) => `--pref=${k}=${v}`),
  ];
  let out = '';
  const child = spawn(WEB_EXT, args, {
    cwd: dir,
    detached: true, // own process group: close() kills web-ext and Firefox together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_HEADLESS: '1', TMPDIR: tmpDir },
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output: () => out,
    async close() {
      const pid = child.pid;
      if (pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000));
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // already gone
          }
          await exited;
        }
      }
      // Firefox children may outlive web-ext for a moment; the group kill reaches them too.
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
