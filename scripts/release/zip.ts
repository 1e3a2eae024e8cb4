// `npm run zip`: the store packages, from the store builds (never the local-gateway build).
//   .output/<name>-<version>-chrome.zip    Chrome Web Store
//   .output/<name>-<version>-firefox.zip   Firefox Add-ons
//   .output/<name>-<version>-sources.zip   the sources AMO's review asks for (see BUILDING.md inside)
//   .output/store-assets/*.png             the README's screenshots at the store's 1280×800
// Then `npm run release-check` verifies them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listingScreenshots, ROOT, STORE_ASSETS, STORE_SCREENSHOT } from './paths';
import { letterbox } from './store-screenshots';

const env = { ...process.env };
// The local build (loopback permissions, relaxed Firefox CSP) must never be what gets zipped.
delete env.RG_LOCAL_GATEWAY;
execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: 'inherit', env });
execFileSync('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: 'inherit', env });

// The screenshots the store listing shows (README images it names), at the store's size.
mkdirSync(STORE_ASSETS, { recursive: true });
for (const shot of listingScreenshots()) {
  const out = path.join(STORE_ASSETS, path.basename(shot));
  writeFileSync(out, letterbox(readFileSync(shot), STORE_SCREENSHOT.width, STORE_SCREENSHOT.height));
  console.log(`  store screenshot ${path.relative(ROOT, out)} (${STORE_SCREENSHOT.width}×${STORE_SCREENSHOT.height})`);
}
