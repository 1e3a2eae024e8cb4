import { randomUUID, webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/types';
import type { GatewayHosts } from '../../../src/core/gateway/hosts';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import type { FetchLike } from '../../../src/core/ports';
import { systemTimers } from '../../../src/core/ports';
import { createSignalRHubFactory, type HubTransportFactory } from '../../../src/core/realtime/hub-transport';
import type { DurableStore } from '../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import type { Gateway } from '../../../src/messaging/protocol';
import { createGuardHost, type GuardHost } from '../../../src/worker/guard-host';
import { createTimerScheduler, FAST_TUNING, waitFor } from '../guard/guard-harness';

/**
 * Changing the gateway (the simulator → another simulator here; TopstepX ↔ simulator for a
 * trader) must never send the old host's session token or API key to the new host: not when
 * the new guard starts, not when its hubs connect, not after a worker restart.
 */
interface Sent {
  url: string;
  credential: string;
}

function recordingDeps(store: DurableStore, sent: Sent[]) {
  const journal = createMemoryJournal();
  const fetchImpl: FetchLike = async (url, init) => {
    const headers = new Headers(init?.headers);
    const auth = headers.get('Authorization');
    if (auth) sent.push({ url, credential: auth.replace(/^Bearer /, '') });
    if (typeof init?.body === 'string' && init.body.includes('apiKey')) {
      sent.push({ url, credential: (JSON.parse(init.body) as { apiKey: string }).apiKey });
    }
    return fetch(url, init);
  };
  const signalr = createSignalRHubFactory();
  const hubFactory: HubTransportFactory = (options) =>
    signalr({
      ...options,
      accessTokenFactory: async () => {
        const token = await options.accessTokenFactory();
        sent.push({ url: options.url, credential: token });
        return token;
      },
    });
  const stops: Array<() => void> = [];
  let onFire: (name: string) => void = () => undefined;
  const host = createGuardHost({
    openStorage: async () => ({ store, journal }),
    depsFor: (hosts: GatewayHosts) => {
      const clock = { now: () => Date.now() };
      const scheduler = createTimerScheduler(clock, (name) => onFire(name));
      stops.push(() => scheduler.stop());
      return {
        clock,
        monotonic: clock,
        timers: systemTimers,
        random: Math.random,
        fetch: fetchImpl,
        subtle: webcrypto.subtle as unknown as SubtleCrypto,
        store,
        journal,
        hubFactory,
        scheduler,
        hosts,
        newId: randomUUID,
        tuning: FAST_TUNING,
      };
    },
  });
  onFire = (name) => void host.ready().then((g) => g.onDeadline(name));
  return {
    host,
    journal,
    /** What the guard was doing, for a timeout's message. */
    explain: async () => {
      const g = await host.ready();
      return { health: g.view().health, journal: journal.entries.slice(-12).map((e) => [e.kind, e.message, e.data]) };
    },
    stop: () => {
      for (const s of stops) s();
    },
  };
}

const gatewayOf = (sim: Simulator): Gateway => ({
  kind: 'custom',
  restBase: sim.restUrl,
  userHub: sim.userHubUrl,
  marketHub: sim.marketHubUrl,
});
const origin = (url: string) => new URL(url).origin;

let sims: Simulator[] = [];
let hosts: Array<{ host: GuardHost; stop: () => void }> = [];
afterEach(async () => {
  for (const h of hosts) {
    h.stop();
    await (await h.host.ready().catch(() => null))?.stop();
  }
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
  hosts = [];
});

async function twoGateways() {
  const first = await startSimulator({ priceTickMs: 0, pingIntervalMs: 200 });
  const second = await startSimulator({
    priceTickMs: 0,
    pingIntervalMs: 200,
    users: [
      { userName: 'trader-b', apiKey: 'key-for-the-second-gateway', accounts: [{ name: 'B-1', balance: 50_000 }] },
    ],
  });
  sims.push(first, second);
  return { first, second };
}

describe('guard host: changing the gateway', () => {
  it('never sends the old token or API key to the new host', async () => {
    const { first, second } = await twoGateways();
    const store = createMemoryStore();
    const sent: Sent[] = [];
    const h = recordingDeps(store, sent);
    hosts.push(h);

    await h.host.saveCredentials(first.demo.userName, first.demo.apiKey, gatewayOf(first));
    await waitFor(
      async () => (await h.host.ready()).view().health.user.status === 'connected',
      'connected to the first',
      8000,
      h.explain,
    );
    const firstSecrets = new Set(sent.filter((s) => origin(s.url) === origin(first.restUrl)).map((s) => s.credential));
    expect(firstSecrets.has(first.demo.apiKey)).toBe(true);
    expect(firstSecrets.size).toBeGreaterThanOrEqual(2); // the key and at least one token

    await h.host.saveCredentials('trader-b', 'key-for-the-second-gateway', gatewayOf(second));
    await waitFor(
      async () => (await h.host.ready()).view().health.user.status === 'connected',
      'connected to the second',
      8000,
      h.explain,
    );
    const toSecond = sent.filter((s) => origin(s.url) === origin(second.restUrl));
    expect(toSecond.length).toBeGreaterThan(0);
    expect(toSecond.filter((s) => firstSecrets.has(s.credential))).toEqual([]);
  });

  it("forgets the first gateway's accounts, so the second gateway's hub is never asked for them and stays up", async () => {
    const { first, second } = await twoGateways();
    const store = createMemoryStore();
    const h = recordingDeps(store, []);
    hosts.push(h);
    await h.host.saveCredentials(first.demo.userName, first.demo.apiKey, gatewayOf(first));
    const firstIds = first.demo.accountIds.map(String);
    await waitFor(
      async () => {
        const view = (await h.host.ready()).view();
        return view.health.user.status === 'connected' && firstIds.every((id) => id in view.state.accounts);
      },
      "the first gateway's accounts",
      8000,
      h.explain,
    );
    // Saved, as a worker stopping here would have them when it wakes on the second gateway.
    await (await h.host.ready()).flush();

    await h.host.saveCredentials('trader-b', 'key-for-the-second-gateway', gatewayOf(second));
    const secondIds = second.demo.accountIds.map(String);
    const connectsBefore = h.journal.entries.filter((e) => e.message === 'user hub connected').length;
    await waitFor(
      async () => {
        const view = (await h.host.ready()).view();
        return view.health.user.status === 'connected' && secondIds.every((id) => id in view.state.accounts);
      },
      'connected to the second with its accounts',
      8000,
      h.explain,
    );
    await new Promise((r) => setTimeout(r, 500));
    const view = (await h.host.ready()).view();
    expect(Object.keys(view.state.accounts).sort()).toEqual([...secondIds].sort());
    expect(view.health.user.status).toBe('connected');
    // One connect on the second gateway, none lost to a refused subscription.
    expect(h.journal.entries.filter((e) => e.message === 'user hub connected').length - connectsBefore).toBe(1);
    expect(h.journal.entries.filter((e) => e.message.includes('refused'))).toEqual([]);
  });

  it("forgets the previous user's accounts when another user signs in on the same gateway", async () => {
    const sim = await startSimulator({
      priceTickMs: 0,
      pingIntervalMs: 200,
      users: [
        { userName: 'trader-a', apiKey: 'key-a', accounts: [{ name: 'A-1', balance: 50_000 }] },
        { userName: 'trader-b', apiKey: 'key-b', accounts: [{ name: 'B-1', balance: 50_000 }] },
      ],
    });
    sims.push(sim);
    const h = recordingDeps(createMemoryStore(), []);
    hosts.push(h);
    const accountIds = async () => Object.keys((await h.host.ready()).view().state.accounts);
    await h.host.saveCredentials('trader-a', 'key-a', gatewayOf(sim));
    await waitFor(async () => (await accountIds()).length === 1, "trader-a's account", 8000, h.explain);
    const [ofA] = await accountIds();
    await (await h.host.ready()).flush();

    await h.host.saveCredentials('trader-b', 'key-b', gatewayOf(sim));
    await waitFor(
      async () => {
        const ids = await accountIds();
        return (await h.host.ready()).view().health.user.status === 'connected' && ids.length === 1 && ids[0] !== ofA;
      },
      "trader-b's account alone, connected",
      8000,
      h.explain,
    );
    expect(h.journal.entries.filter((e) => e.message.includes('refused'))).toEqual([]);
  });

  it('asks for the key again after a restart that finds another gateway, instead of sending the old secrets', async () => {
    const { first, second } = await twoGateways();
    const store = createMemoryStore();
    const before: Sent[] = [];
    const h1 = recordingDeps(store, before);
    hosts.push(h1);
    await h1.host.saveCredentials(first.demo.userName, first.demo.apiKey, gatewayOf(first));
    await waitFor(async () => (await h1.host.ready()).view().health.user.status === 'connected', 'connected');
    await (await h1.host.ready()).stop();
    // The worker stopped after the gateway setting changed but before the new key was saved.
    await store.put('meta', 'gateway', gatewayOf(second));

    const after: Sent[] = [];
    const h2 = recordingDeps(store, after);
    hosts.push(h2);
    const guard = await h2.host.ready();
    await new Promise((r) => setTimeout(r, 500));
    expect(after.filter((s) => origin(s.url) === origin(second.restUrl))).toEqual([]);
    expect(guard.view().health.token).toBe('reenter-key');
  });

  it('refuses a custom gateway that is not on this computer, and keeps the one in use', async () => {
    const { first } = await twoGateways();
    const h = recordingDeps(createMemoryStore(), []);
    hosts.push(h);
    await h.host.saveCredentials(first.demo.userName, first.demo.apiKey, gatewayOf(first));
    const remote = {
      kind: 'custom',
      restBase: 'https://gateway.example.com',
      userHub: first.userHubUrl,
      marketHub: first.marketHubUrl,
    };
    await expect(h.host.saveCredentials('x', 'y', remote as Gateway)).rejects.toThrow(/this computer/);
    expect(h.host.gateway()).toEqual(gatewayOf(first));
  });
});
