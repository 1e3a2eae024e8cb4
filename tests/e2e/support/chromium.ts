import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

/** Debian's Chromium (never a downloaded browser); `CHROMIUM_PATH` overrides. */
export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    throw new Error(
      `Chromium not found at ${candidate}. Install it: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
  return candidate;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

/** Launches Chromium with the built extension from a fresh temporary profile. */
export async function launchWithExtension(
  extensionDir: string,
  options: { headless?: boolean; extraArgs?: string[]; userDataDir?: string } = {},
): Promise<LaunchedBrowser> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'rg-profile-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--no-sandbox',
      '--disable-gpu',
      ...(options.extraArgs ?? []),
    ],
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close().catch(() => {});
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
