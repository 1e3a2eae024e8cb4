import { afterEach, describe, expect, it } from 'vitest';
import type { BreakerSnapshot } from '../../../src/core/resilience/circuit-breaker';
import { GatewayError } from '../../../src/core/resilience/errors';
import { type Stack, startStack } from '../../integration/gateway/harness';
import { waitFor } from '../../integration/guard/guard-harness';
import {
  appliedCloses,
  enforcingDailyLoss,
  expectCleanEnd,
  rigPerTest,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
} from '../guard/guard-chaos-kit';

/**
 * Circuit breakers under failure against the simulator: while the routine client's breaker
 * for an endpoint is open (60 s, as in production), enforcement — with its own breakers that
 * try again after 1 s — still flattens a breach the moment the gateway answers again; and an
 * endpoint that flaps open and shut leaves no breaker stuck and no call hanging.
 */
const POSITIONS = '/api/Position/searchOpen';

const rigs = rigPerTest();
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('circuit breakers under chaos', () => {
  it('flattens a breach through a failing positions endpoint while the routine breaker for it stays open', async () => {
    const rig = await rigs.start({
      config: enforcingDailyLoss(100),
      // The routine client's retries compressed (1-2-4-8 s in production), its breaker not.
      harness: { tuning: { routineRetry: { baseDelayMs: 10, maxDelayMs: 40 } } },
    });
    const { sim, harness, accountId } = rig;
    const outage = sim.faults.add({
      target: { kind: 'rest', endpoint: POSITIONS },
      effect: { type: 'http-error', status: 503 },
      schedule: { type: 'window', fromMs: 0, toMs: 2_500 },
    });
    // A reconcile meets the outage: 5 failed reads open the routine breaker for 60 s.
    await harness.guard.reconcile('test: meets the outage').catch(() => undefined);
    const routineBreaker = async () => (await harness.store.get<BreakerSnapshot>('breakers', 'positions'))?.state;
    await waitFor(async () => (await routineBreaker()) === 'open', 'the routine positions breaker open', 5_000);

    traderLosesPastLimit(sim, accountId);
    await waitLocked(rig);
    await waitFlat(sim, accountId, 10_000);
    // Flat long before the routine breaker's minute is up: enforcement did not wait for it.
    expect(await routineBreaker()).toBe('open');
    expect(sim.faults.fired()[outage]).toBeGreaterThanOrEqual(5);
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
    await expectCleanEnd(rig);
  });

  it('never leaves a breaker stuck open nor a call hanging while an endpoint flaps, and closes once it recovers', async () => {
    stack = await startStack({ breaker: { failureThreshold: 5, halfOpenAfterMs: 200 }, retry: { maxAttempts: 1 } });
    const s = stack;
    const flapping = s.sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'http-error', status: 500 },
      schedule: { type: 'probability', p: 0.8 },
    });
    const kinds: string[] = [];
    const transitions: string[] = [];
    s.breakers.subscribe((group, to) => {
      if (group === 'accounts') transitions.push(to);
    });
    let calls = 0;
    let longest = 0;
    const started = Date.now();
    while (Date.now() - started < 3_000) {
      if (Date.now() - started > 1_500) s.sim.faults.remove(flapping);
      const t = Date.now();
      calls++;
      kinds.push(
        await s.api.searchAccounts({ onlyActiveAccounts: true }).then(
          () => 'ok',
          (error: unknown) => (error instanceof GatewayError ? error.kind : 'other'),
        ),
      );
      longest = Math.max(longest, Date.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(transitions).toContain('open');
    expect(transitions).toContain('half-open');
    expect(transitions.at(-1)).toBe('closed');
    expect(kinds).toContain('unavailable');
    expect(kinds.slice(-5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(new Set(kinds)).toEqual(new Set(['ok', 'transient', 'unavailable']));
    // Failing fast kept calls off the struggling gateway, and no call waited on it.
    expect(s.sim.requests.list('/api/Account/search').length).toBeLessThan(calls);
    expect(longest).toBeLessThan(1_000);
  });
});
