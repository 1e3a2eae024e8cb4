import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The local-gateway build: same code, loopback host permission granted up front (see wxt.config.ts). */
export const CHROME_BUILD_DIR = path.join(ROOT, '.output', 'chrome-mv3-local');

/** Builds the local-gateway Chrome extension unless the caller says a fresh build already exists. */
export async function buildExtensionOnce(): Promise<string> {
  const prebuilt = process.env.RG_E2E_PREBUILT === '1' && existsSync(path.join(CHROME_BUILD_DIR, 'manifest.json'));
  if (!prebuilt) {
    execFileSync('npx', ['wxt', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, RG_LOCAL_GATEWAY: '1' },
    });
  }
  return CHROME_BUILD_DIR;
}
