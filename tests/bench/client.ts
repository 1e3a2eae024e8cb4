/**
 * REST client overhead: N sequential `Account/search` reads through the full client
 * (token manager, rate limiter with limits raised so it never waits, breakers, retry policy,
 * resilient executor, REST client with zod parsing) vs a bare `fetch` loop to the same
 * endpoint of the same simulator on loopback. Reported: p50/p95/p99 of both, the ratio of
 * the medians, and the absolute per-call overhead. Called by tests/bench/run.ts.
 */
import { performance } from 'node:perf_hooks';
import { startStack } from '../integration/gateway/harness';

const N = 2000;
const WARMUP = 100;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function run(): Promise<Record<string, number>> {
  const stack = await startStack({
    sim: {
      rateLimits: { general: { limit: 1_000_000, windowMs: 60_000 }, bars: { limit: 1_000_000, windowMs: 60_000 } },
    },
    limits: { general: { max: 1_000_000, windowMs: 60_000 }, bars: { max: 1_000_000, windowMs: 60_000 } },
  });
  try {
    const token = await stack.tokens.getToken();
    const url = `${stack.sim.restUrl}/api/Account/search`;
    const body = JSON.stringify({ onlyActiveAccounts: true });
    const bare = async (): Promise<void> => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
      });
      const json = (await res.json()) as { success?: boolean };
      if (res.status !== 200 || json.success !== true) throw new Error(`bare read failed: ${res.status}`);
    };
    const client = async (): Promise<void> => {
      await stack.api.searchAccounts({ onlyActiveAccounts: true });
    };
    // Alternate one bare and one client call per step: drift of a shared machine (other
    // processes, GC, JIT warming) lands on both series alike.
    for (let i = 0; i < WARMUP; i++) {
      await bare();
      await client();
    }
    const bareSamples: number[] = [];
    const clientSamples: number[] = [];
    for (let i = 0; i < N; i++) {
      let t0 = performance.now();
      await bare();
      bareSamples.push(performance.now() - t0);
      t0 = performance.now();
      await client();
      clientSamples.push(performance.now() - t0);
    }
    bareSamples.sort((a, b) => a - b);
    clientSamples.sort((a, b) => a - b);
    const bareP50 = percentile(bareSamples, 50);
    const clientP50 = percentile(clientSamples, 50);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      'client.n': N,
      'client.p50Ms': round(clientP50),
      'client.p95Ms': round(percentile(clientSamples, 95)),
      'client.p99Ms': round(percentile(clientSamples, 99)),
      'client.meanMs': round(mean(clientSamples)),
      'client.bareP50Ms': round(bareP50),
      'client.bareP95Ms': round(percentile(bareSamples, 95)),
      'client.bareP99Ms': round(percentile(bareSamples, 99)),
      'client.bareMeanMs': round(mean(bareSamples)),
      'client.overheadRatio': round(clientP50 / bareP50),
      'client.overheadP50Ms': round(clientP50 - bareP50),
      'client.requestsSeenBySimulator': stack.sim.requests.list('/api/Account/search').length,
    };
  } finally {
    await stack.stop();
  }
}
