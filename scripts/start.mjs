#!/usr/bin/env node
// `npm start`: the main job — a scripted trading day against the gateway simulator in a real
// browser (scripts/demo/main.ts, TypeScript run by tsx). Arguments pass through:
//   npm start -- --headed | --out DIR | --no-build | --help
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureNodeModules, ensureSystemDeps } from './ensure-deps.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
// A fresh clone: npm packages and Debian's Chromium first (or the exact command to run).
ensureNodeModules(ROOT);
ensureSystemDeps({ chromium: true });
const res = spawnSync('npx', ['tsx', path.join('scripts', 'demo', 'main.ts'), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (res.error) {
  console.error(`npm start: could not run the demo: ${res.error.message}`);
  process.exit(1);
}
process.exit(res.status ?? 1);
