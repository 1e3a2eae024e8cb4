import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { buildFirefoxLocal, firefoxPath, type LaunchedFirefox, launchFirefox } from './launch-firefox';
import { watchHubs } from './watch-hubs';

/**
 * The Firefox build, headless, against the simulator, observed only from the simulator's side
 * (Playwright cannot drive stock Firefox). Firefox ESR must be installed: without it these
 * tests fail with the install command, they are never skipped.
 *
 * Firefox stops an MV3 event page `extensions.background.idle.timeout` ms (default 30 000)
 * after the last extension event; WebSocket traffic does not count (measured, see
 * tests/firefox/measure.ts and tests/firefox/README.md). Here the timeout is 5 s so the stop
 * happens within the test: the page must then be brought back by the 30 s watchdog alarm,
 * reconnect and reconcile.
 */
const IDLE_TIMEOUT_MS = 5000;
const WATCHDOG_PERIOD_MS = 30_000;
const PING_MS = 1000;

let sim: Simulator;
let firefox: LaunchedFirefox | null = null;
let watch: ReturnType<typeof watchHubs>;

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms\n--- firefox output (tail) ---\n${firefox?.output().slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const EXPECTED_USER_SUBSCRIPTIONS = (accountIds: number[]) => [
  'accounts',
  ...accountIds.flatMap((id) => [`orders:${id}`, `positions:${id}`, `trades:${id}`]),
];

describe('Firefox (headless, local build) against the simulator', () => {
  beforeAll(async () => {
    firefoxPath(); // fails here, with the apt-get command, when Firefox ESR is missing
    const buildDir = buildFirefoxLocal();
    // Server pings every second: far more often than the idle timeout, and still no help.
    sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: PING_MS });
    watch = watchHubs(sim);
    firefox = launchFirefox({
      buildDir,
      autoconnect: {
        userName: sim.demo.userName,
        apiKey: sim.demo.apiKey,
        gateway: { kind: 'custom', restBase: sim.restUrl, userHub: sim.userHubUrl, marketHub: sim.marketHubUrl },
      },
      prefs: { 'extensions.background.idle.timeout': IDLE_TIMEOUT_MS },
    });
  }, 90_000);

  afterAll(async () => {
    watch?.stop();
    await firefox?.close();
    await sim?.stop();
  }, 30_000);

  it('connects to both hubs, subscribes to every account and reconciles over REST', async () => {
    const expected = EXPECTED_USER_SUBSCRIPTIONS(sim.demo.accountIds);
    // From the watcher's record, which keeps a connection's subscriptions after it closed: on a
    // slow machine the 5 s idle timeout may already have ended the page.
    const user = await until(
      'a user-hub connection subscribed to every account',
      () => watch.connections('user').find((c) => expected.every((s) => c.subscriptions.includes(s))),
      30_000,
    );
    expect(user.subscriptions).toEqual(expect.arrayContaining(expected));
    expect(watch.connections('market')).not.toHaveLength(0);
    const endpoints = await until(
      'the reconcile calls',
      () => {
        const seen = new Set(sim.requests.list().map((r) => r.endpoint));
        const all = [
          '/api/Auth/loginKey',
          '/api/Account/search',
          '/api/Position/searchOpen',
          '/api/Order/searchOpen',
          '/api/Trade/search',
        ];
        return all.every((e) => seen.has(e)) && seen;
      },
      10_000,
    );
    expect(endpoints.has('/api/Trade/search')).toBe(true);
    // Every REST call of the extension carried the demo user's token.
    expect(sim.requests.list().filter((r) => r.endpoint !== '/api/Auth/loginKey' && r.userName !== 'demo')).toEqual([]);
  }, 45_000);

  it('when Firefox stops the idle event page despite the live hub, the watchdog alarm brings the guard back', async () => {
    // The page dies IDLE_TIMEOUT_MS after its last extension event although the hub is
    // connected and pinged: its sockets go, and nothing reconnects until an alarm.
    const first = await until('the first user-hub connection', () => watch.connections('user')[0], 30_000);
    const closedAt = await until(
      'the event page stopped (its hub connection closed)',
      () => watch.connections('user')[0]?.closedAt,
      first.openedAt + IDLE_TIMEOUT_MS + 20_000,
    );
    const restAtStop = sim.requests.list().length;
    // A dead page, not a reconnect: no new connection for a while after the close.
    await new Promise((r) => setTimeout(r, 2000));
    expect(watch.connections('user').filter((c) => c.openedAt > closedAt)).toEqual([]);

    // The watchdog alarm (every 30 s from the page's first start) wakes it.
    const revived = await until(
      'a new user-hub connection after the watchdog alarm',
      () => watch.connections('user').find((c) => c.openedAt > closedAt),
      WATCHDOG_PERIOD_MS + 10_000,
    );
    const gapMs = revived.openedAt - closedAt;
    expect(revived.openedAt).toBeLessThanOrEqual(first.openedAt + WATCHDOG_PERIOD_MS + 5000);
    const expected = EXPECTED_USER_SUBSCRIPTIONS(sim.demo.accountIds);
    await until(
      'the revived connection subscribed to every account',
      () => {
        const seen = watch.connections('user').find((c) => c.id === revived.id);
        return seen && expected.every((s) => seen.subscriptions.includes(s));
      },
      10_000,
    );
    const after = await until(
      'a reconcile after the revival',
      () => {
        const calls = sim.requests
          .list()
          .slice(restAtStop)
          .map((r) => r.endpoint);
        return calls.includes('/api/Position/searchOpen') && calls.includes('/api/Order/searchOpen') && calls;
      },
      10_000,
    );
    expect(after).toContain('/api/Account/search');
    console.log(
      `firefox: page started ${(first.openedAt / 1000).toFixed(1)} s after launch, stopped after ${((closedAt - first.openedAt) / 1000).toFixed(1)} s ` +
        `(idle timeout ${IDLE_TIMEOUT_MS} ms, hub pinged every ${PING_MS} ms), revived by the watchdog ${(gapMs / 1000).toFixed(1)} s later ` +
        `(${((revived.openedAt - first.openedAt) / 1000).toFixed(1)} s after the first start; the alarm period is 30 s)`,
    );
  }, 75_000);
});
