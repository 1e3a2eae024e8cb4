/**
 * In-process cost of the resilience layer, per call: rate limiter acquire + release, and the
 * whole executor path (breaker check, acquire, admit, attempt with a chained AbortSignal,
 * record) around a no-op attempt. Limits are raised so nothing ever waits: this measures
 * bookkeeping, not throttling. Also the cached `getToken()` path and one vault round trip.
 * Called by tests/bench/run.ts; the loopback-vs-bare-fetch ratio is measured in client.ts.
 */
import { performance } from 'node:perf_hooks';
import { createSecretVault } from '../../src/core/auth/secret-vault';
import { createTokenManager } from '../../src/core/auth/token-manager';
import { systemClock, systemTimers } from '../../src/core/ports';
import { createBreakerRegistry } from '../../src/core/resilience/breaker-registry';
import type { CallOptions } from '../../src/core/resilience/executor';
import { createRateLimiter } from '../../src/core/resilience/rate-limiter';
import { createResilientExecutor } from '../../src/core/resilience/resilient-executor';
import { createRetryPolicy } from '../../src/core/resilience/retry-policy';
import { createMemoryStore } from '../../src/core/storage/memory-store';

const CALLS = 50_000;
const WARMUP = 5_000;
const UNLIMITED = { max: 1e9, windowMs: 60_000 };

function freshLimiter() {
  return createRateLimiter({
    clock: systemClock,
    timers: systemTimers,
    limits: { general: UNLIMITED, bars: UNLIMITED },
  });
}

async function limiterUsPerCall(): Promise<number> {
  const limiter = freshLimiter();
  for (let i = 0; i < WARMUP; i++) (await limiter.acquire('general', 'routine')).release();
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) (await limiter.acquire('general', 'routine')).release();
  const us = ((performance.now() - t0) * 1000) / CALLS;
  limiter.dispose();
  return us;
}

async function executorUsPerCall(): Promise<{ mean: number; p50: number; p99: number }> {
  const limiter = freshLimiter();
  const executor = createResilientExecutor({
    limiter,
    breakers: createBreakerRegistry({ clock: systemClock }),
    retry: createRetryPolicy(),
    clock: systemClock,
    timers: systemTimers,
  });
  const call: CallOptions = { endpoint: '/api/Position/searchOpen', lane: 'reconciliation', idempotent: true };
  const noop = async (): Promise<number> => 1;
  for (let i = 0; i < WARMUP; i++) await executor.run(call, noop);
  const samples = new Float64Array(CALLS);
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const s = performance.now();
    await executor.run(call, noop);
    samples[i] = performance.now() - s;
  }
  const mean = ((performance.now() - t0) * 1000) / CALLS;
  samples.sort();
  limiter.dispose();
  const at = (q: number): number => (samples[Math.floor(CALLS * q)] ?? 0) * 1000;
  return { mean, p50: at(0.5), p99: at(0.99) };
}

async function bareUsPerCall(): Promise<number> {
  const noop = async (): Promise<number> => 1;
  for (let i = 0; i < WARMUP; i++) await noop();
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) await noop();
  return ((performance.now() - t0) * 1000) / CALLS;
}

async function tokenAndVault(): Promise<{ cachedTokenUs: number; vaultRoundTripUs: number }> {
  const store = createMemoryStore();
  const vault = createSecretVault({ store, subtle: globalThis.crypto.subtle });
  const manager = createTokenManager({
    clock: systemClock,
    timers: systemTimers,
    vault,
    boundTo: 'bench',
    auth: { login: async () => 'bench-token', validate: async () => 'bench-token-2' },
  });
  await manager.setCredentials('bench', 'bench-key');
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) await manager.getToken();
  const cachedTokenUs = ((performance.now() - t0) * 1000) / CALLS;
  manager.dispose();

  const rounds = 500;
  const t1 = performance.now();
  for (let i = 0; i < rounds; i++) {
    await vault.put('token', 'secret-value-of-typical-jwt-length'.repeat(8));
    await vault.get('token');
  }
  return { cachedTokenUs, vaultRoundTripUs: ((performance.now() - t1) * 1000) / rounds };
}

export async function run(): Promise<Record<string, number>> {
  const limiter = await limiterUsPerCall();
  const executor = await executorUsPerCall();
  const bare = await bareUsPerCall();
  const { cachedTokenUs, vaultRoundTripUs } = await tokenAndVault();
  return {
    'resilience.limiter.overheadUsPerCall': limiter,
    'resilience.executor.overheadUsPerCall': executor.mean - bare,
    'resilience.executor.p50UsPerCall': executor.p50,
    'resilience.executor.p99UsPerCall': executor.p99,
    'resilience.bareAsyncCallUs': bare,
    'resilience.token.cachedGetTokenUs': cachedTokenUs,
    'resilience.vault.putGetRoundTripUs': vaultRoundTripUs,
    'resilience.calls': CALLS,
  };
}
