/**
 * `npm run bench`: runs every benchmark module and writes one report, `bench/report.json`
 * (plain dotted keys such as `engine.p99Ms`) and `bench/report.md`, each with the machine it
 * ran on. Speed and memory targets live here, not in timed unit tests.
 *
 * Each module exports `run(): Promise<Record<string, number | string>>`. A module that is
 * missing or throws is reported as such, never silently skipped.
 */

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../../src/core/error-message';

type Figures = Record<string, number | string>;
interface BenchModule {
  run(): Promise<Figures>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MODULES: Array<{ name: string; file: string; what: string }> = [
  { name: 'engine', file: 'engine.ts', what: 'rule engine: per-event latency and throughput, 12 rules enforcing' },
  { name: 'state', file: 'state.ts', what: 'parse → reducer → persistence throughput and memory after 100k events' },
  { name: 'resilience', file: 'resilience.ts', what: 'rate limiter + executor overhead per call, in process' },
  { name: 'client', file: 'client.ts', what: 'REST client overhead vs bare fetch on loopback against the simulator' },
  {
    name: 'floor',
    file: 'floor.ts',
    what: 'a bare extension worker vs Node: WebSocket message → POST arrival on loopback, no guard logic',
  },
  { name: 'popup', file: 'popup.ts', what: 'popup: from opening to the first account card with data (warm worker)' },
  {
    name: 'browser',
    file: 'browser.ts',
    what: 'breach-to-close in the real browser vs a reference client; worker cold start',
  },
];

function machine(): Figures {
  const cpus = os.cpus();
  return {
    'machine.cpu': cpus[0]?.model ?? 'unknown',
    'machine.cores': cpus.length,
    'machine.memoryGb': Math.round(os.totalmem() / 2 ** 30),
    'machine.os': `${os.type()} ${os.release()}`,
    'machine.node': process.version,
    'machine.date': new Date().toISOString(),
  };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const outDir = path.join(ROOT, 'bench');
  const jsonPath = path.join(outDir, 'report.json');
  // Running a subset (`npm run bench -- engine`) keeps the other modules' last figures.
  const previous: Figures = only.length > 0 && existsSync(jsonPath) ? JSON.parse(await readFile(jsonPath, 'utf8')) : {};
  const report: Figures = { ...previous, ...machine() };
  for (const m of MODULES) {
    if (only.length > 0 && !only.includes(m.name)) continue;
    const file = path.join(import.meta.dirname, m.file);
    for (const key of String(previous[`${m.name}.figures`] ?? '')
      .split(',')
      .filter(Boolean))
      delete report[key];
    if (!existsSync(file)) {
      report[`${m.name}.status`] = 'not measured: benchmark not written yet';
      continue;
    }
    console.log(`bench: ${m.name} …`);
    const started = Date.now();
    // Timings on a shared machine mean little without its load: the 1-minute load average at the
    // start and at the end of the module say how busy the machine was (cores: machine.cores).
    const loadAtStart = os.loadavg()[0] ?? 0;
    try {
      const mod = (await import(pathToFileURL(file).href)) as BenchModule;
      const figures = await mod.run();
      Object.assign(report, figures);
      report[`${m.name}.status`] = 'ok';
      report[`${m.name}.figures`] = Object.keys(figures).join(',');
    } catch (error) {
      report[`${m.name}.status`] = `failed: ${errorMessage(error)}`;
      report[`${m.name}.figures`] = '';
      process.exitCode = 1;
    }
    report[`${m.name}.seconds`] = Math.round((Date.now() - started) / 100) / 10;
    report[`${m.name}.loadAverage`] = `${loadAtStart.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)}`;
    report[`${m.name}.measuredAt`] = new Date().toISOString();
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(outDir, 'report.md'), markdown(report));
  console.log('bench: wrote bench/report.json and bench/report.md');
}

/** The markdown report, generated from the JSON one (one source of truth for the figures). */
function markdown(report: Figures): string {
  const machineRows = Object.entries(report)
    .filter(([k]) => k.startsWith('machine.') && k !== 'machine.date')
    .map(([k, v]) => `| ${k.replace('machine.', '')} | ${v} |`)
    .join('\n');
  const sections = MODULES.map((m) => {
    const status = report[`${m.name}.status`] ?? 'not run';
    const head = `### ${m.name}\n\n${m.what}`;
    if (status !== 'ok') return `${head}\n\n_${status}_\n`;
    const keys = String(report[`${m.name}.figures`] ?? '')
      .split(',')
      .filter(Boolean);
    const rows = keys.map((k) => {
      const v = report[k];
      return `| \`${k}\` | ${typeof v === 'number' ? round(v) : v} |`;
    });
    return `${head} (${report[`${m.name}.seconds`]} s, ${report[`${m.name}.measuredAt`]}, load average ${report[`${m.name}.loadAverage`] ?? 'not recorded'})\n\n| key | value |\n| --- | --- |\n${rows.join('\n')}\n`;
  });
  return `# Benchmark report\n\nWritten by \`npm run bench\` (last run ${report['machine.date']}).\n\n| machine | |\n| --- | --- |\n${machineRows}\n\n${sections.join('\n')}`;
}

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000;
}

await main();
