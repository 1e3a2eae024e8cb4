/**
 * `npm run bench`: runs every benchmark module and writes one report, `bench/report.json`
 * (plain dotted keys such as `engine.p99Ms`) and `bench/report.md`, each with the machine it
 * ran on. Speed and memory targets live here, not in timed unit tests.
 *
 * Each module exports `run(): Promise<Record<string, number | string>>`. A module that is
 * missing or throws is reported as such, never silently skipped.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
  const report: Figures = machine();
  const sections: string[] = [];
  for (const m of MODULES) {
    if (only.length > 0 && !only.includes(m.name)) continue;
    const file = path.join(import.meta.dirname, m.file);
    if (!existsSync(file)) {
      report[`${m.name}.status`] = 'not measured: benchmark not written yet';
      sections.push(`### ${m.name}\n\n${m.what}\n\n_not measured: benchmark not written yet_\n`);
      continue;
    }
    console.log(`bench: ${m.name} …`);
    const started = Date.now();
    try {
      const mod = (await import(pathToFileURL(file).href)) as BenchModule;
      const figures = await mod.run();
      Object.assign(report, figures);
      report[`${m.name}.status`] = 'ok';
      const rows = Object.entries(figures).map(([k, v]) => `| \`${k}\` | ${typeof v === 'number' ? round(v) : v} |`);
      sections.push(
        `### ${m.name}\n\n${m.what} (${((Date.now() - started) / 1000).toFixed(1)} s)\n\n| key | value |\n| --- | --- |\n${rows.join('\n')}\n`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report[`${m.name}.status`] = `failed: ${message}`;
      sections.push(`### ${m.name}\n\n${m.what}\n\n**failed:** ${message}\n`);
      process.exitCode = 1;
    }
  }
  const outDir = path.join(ROOT, 'bench');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const machineRows = Object.entries(machine())
    .filter(([k]) => k !== 'machine.date')
    .map(([k, v]) => `| ${k.replace('machine.', '')} | ${v} |`)
    .join('\n');
  const md = `# Benchmark report\n\nRun ${report['machine.date']} with \`npm run bench\`.\n\n| machine | |\n| --- | --- |\n${machineRows}\n\n${sections.join('\n')}`;
  await writeFile(path.join(outDir, 'report.md'), md);
  console.log(`bench: wrote bench/report.json and bench/report.md`);
}

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000;
}

await main();
