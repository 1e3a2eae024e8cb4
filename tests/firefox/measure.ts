/**
 * Measures how long Firefox keeps the extension's event page alive while the user hub is
 * connected, seen only from the simulator (hub connections opened/closed, REST calls).
 *
 *   npx tsx tests/firefox/measure.ts [--ping-ms 15000] [--duration-s 180] [--idle-timeout-ms N]
 *
 * Prints one line per change with seconds since launch, then a summary: connections seen,
 * how long each lived, the gap before the next one, and the REST calls in between. Needs the
 * local Firefox build (built here) and /usr/bin/firefox-esr. Not part of `npm test`: it runs
 * for minutes; tests/firefox/firefox-guard.test.ts keeps a short version of it.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from '../../simulator/index';
import { buildFirefoxLocal, launchFirefox } from './launch-firefox';
import { watchHubs } from './watch-hubs';

const { values } = parseArgs({
  options: {
    'ping-ms': { type: 'string', default: '15000' },
    'duration-s': { type: 'string', default: '180' },
    'idle-timeout-ms': { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const pingMs = Number(values['ping-ms']);
const durationMs = Number(values['duration-s']) * 1000;
const buildDir = values['skip-build'] ? undefined : buildFirefoxLocal();
const sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: pingMs });
const prefs: Record<string, number> = values['idle-timeout-ms']
  ? { 'extensions.background.idle.timeout': Number(values['idle-timeout-ms']) }
  : {};
const ff = launchFirefox({
  buildDir: buildDir ?? (await import('./launch-firefox')).FIREFOX_LOCAL_BUILD,
  autoconnect: {
    userName: sim.demo.userName,
    apiKey: sim.demo.apiKey,
    gateway: { kind: 'custom', restBase: sim.restUrl, userHub: sim.userHubUrl, marketHub: sim.marketHubUrl },
  },
  prefs,
});
const watch = watchHubs(sim, { log: (line) => console.log(line) });
try {
  await new Promise((r) => setTimeout(r, durationMs));
} finally {
  watch.stop();
  await ff.close();
  await sim.stop();
}
console.log(`\nping ${pingMs} ms, ${durationMs / 1000} s, prefs ${JSON.stringify(prefs)}`);
console.log(watch.summary());
for (const c of watch.connections()) console.log(`${c.id}: ${c.subscriptions.join(' ')}`);
