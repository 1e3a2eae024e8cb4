#!/usr/bin/env node
// Lints the Firefox build with web-ext (offline) and fails on any error; warnings are shown.
import { spawnSync } from 'node:child_process';

const res = spawnSync('npx', ['web-ext', 'lint', '-s', '.output/firefox-mv3', '--output', 'json', '--boring'], {
  encoding: 'utf8',
});
let report;
try {
  report = JSON.parse(res.stdout);
} catch {
  console.error(res.stdout, res.stderr);
  console.error('web-ext lint did not produce a JSON report');
  process.exit(1);
}
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind] ?? []) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.message} ${m.file ?? ''}`);
}
const [errors, warnings, notices] = ['errors', 'warnings', 'notices'].map((k) => (report[k] ?? []).length);
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors === 0 ? 0 : 1);
