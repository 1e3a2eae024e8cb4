import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUTPUT = path.join(ROOT, '.output');
/** Store listing images made by `npm run zip` (not committed: made from the README's screenshots). */
export const STORE_ASSETS = path.join(OUTPUT, 'store-assets');
/** The Chrome Web Store takes screenshots of 1280×800 (or 640×400). */
export const STORE_SCREENSHOT = { width: 1280, height: 800 } as const;

/** The zips `wxt zip` writes (its default templates: {{name}}-{{version}}-{{browser}}.zip, …-sources.zip). */
export function artifactNames(pkg: { name: string; version: string }) {
  const base = path.join(OUTPUT, `${pkg.name}-${pkg.version}`);
  return { chrome: `${base}-chrome.zip`, firefox: `${base}-firefox.zip`, sources: `${base}-sources.zip` };
}

/** Every file under `dir`, relative to it with '/' separators, sorted. */
export function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory()
        ? filesUnder(full, base)
        : [path.relative(base, full).split(path.sep).join('/')];
    })
    .sort();
}

export const LISTING = path.join(ROOT, 'docs/store/listing.md');

/** The images docs/store/listing.md shows (paths relative to it, resolved). */
export function listingScreenshots(): string[] {
  if (!existsSync(LISTING)) return [];
  const text = readFileSync(LISTING, 'utf8');
  return [...text.matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)/g)].map((m) => path.resolve(path.dirname(LISTING), m[1] ?? ''));
}
