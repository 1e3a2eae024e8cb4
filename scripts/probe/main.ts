import { writeFile } from 'node:fs/promises';
import { errorMessage } from '../../src/core/error-message';
import { createSignalRHubFactory } from '../../src/core/realtime/hub-transport';
import { parseProbeArgs, USAGE } from './args';
import { runProbe } from './probe';

/**
 * `npm run probe -- --gateway <url> --user <name> [--seconds N] [--out <file>]`, the key in
 * PROJECTX_API_KEY. Prints a summary whose last line is `probe: N payloads, N rejected`;
 * exits 1 when any payload was rejected or a call failed, 2 on bad usage.
 */
async function main(): Promise<number> {
  let args: ReturnType<typeof parseProbeArgs>;
  try {
    args = parseProbeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const apiKey = process.env.PROJECTX_API_KEY?.trim() ?? '';
  if (!apiKey) {
    process.stderr.write('Set the API key in the environment: PROJECTX_API_KEY=… npm run probe -- …\n');
    return 2;
  }
  const result = await runProbe(args, apiKey, {
    fetch: globalThis.fetch,
    hubFactory: createSignalRHubFactory(),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: (line) => process.stderr.write(`probe: ${line}\n`),
  });
  if (args.out) {
    await writeFile(args.out, `${result.json}\n`);
    process.stderr.write(`probe: report written to ${args.out}\n`);
  }
  process.stdout.write(`${result.lines.join('\n')}\n`);
  return result.exitCode;
}

process.exitCode = await main();
