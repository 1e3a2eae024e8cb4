import { parseArgs } from 'node:util';
import { startSimulator } from './index';

/**
 * `npm run sim -- --port 5055 --seed 1`: start the simulator and print where everything is.
 * Runs until Ctrl-C. Other options: --host, --price-tick-ms, --ping-ms, --book-depth, --spread-ticks.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5055' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    'price-tick-ms': { type: 'string', default: '1000' },
    'ping-ms': { type: 'string', default: '15000' },
    'book-depth': { type: 'string' },
    'spread-ticks': { type: 'string', default: '0' },
  },
});

const num = (v: string | undefined, name: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
  return n;
};

const sim = await startSimulator({
  host: values.host,
  port: num(values.port, 'port'),
  seed: num(values.seed, 'seed'),
  priceTickMs: num(values['price-tick-ms'], 'price-tick-ms'),
  pingIntervalMs: num(values['ping-ms'], 'ping-ms'),
  bookDepth: values['book-depth'] === undefined ? undefined : num(values['book-depth'], 'book-depth'),
  spreadTicks: num(values['spread-ticks'], 'spread-ticks'),
});

const lines = [
  'ProjectX Gateway simulator (TopstepX flavour) is running',
  `  REST base     ${sim.restUrl}`,
  `  user hub      ${sim.userHubUrl}`,
  `  market hub    ${sim.marketHubUrl}`,
  `  control API   ${sim.controlUrl}`,
  `  demo user     ${sim.demo.userName}`,
  `  demo API key  ${sim.demo.apiKey}`,
  `  account ids   ${sim.demo.accountIds.join(', ')}`,
  'Press Ctrl-C to stop.',
];
process.stdout.write(`${lines.join('\n')}\n`);

const shutdown = async () => {
  await sim.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
