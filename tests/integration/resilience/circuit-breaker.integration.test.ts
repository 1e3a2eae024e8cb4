import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/core/resilience/errors';
import { type Stack, startStack } from '../gateway/harness';

/**
 * The circuit breakers in the full REST stack against the simulator: 5 consecutive failures
 * of an endpoint group open its breaker, calls then fail fast without reaching the gateway,
 * and after its wait (300 ms here instead of 60 s) a trial call closes it again once the
 * gateway has recovered. Retries are off so every call is one attempt.
 */
const HALF_OPEN_AFTER_MS = 300;
const POSITIONS = '/api/Position/searchOpen';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function failingPositions() {
  stack = await startStack({
    breaker: { failureThreshold: 5, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
    retry: { maxAttempts: 1 },
  });
  const s = stack;
  const fault = s.sim.faults.add({
    target: { kind: 'rest', endpoint: POSITIONS },
    effect: { type: 'http-error', status: 503 },
    schedule: { type: 'always' },
  });
  const read = () =>
    s.api.searchOpenPositions({ accountId: s.accountId }).then(
      () => 'ok',
      (error: unknown) => (error instanceof GatewayError ? error.kind : 'other'),
    );
  const seen = () => s.sim.requests.list(POSITIONS).length;
  return { s, fault, read, seen };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('circuit breaker against the simulator', () => {
  it('opens on an endpoint failing 5 times in a row, then fails fast: the gateway sees no further call', async () => {
    const { s, read, seen } = await failingPositions();
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await read());
    expect(first).toEqual(['transient', 'transient', 'transient', 'transient', 'transient']);
    expect(s.breakers.forEndpoint(POSITIONS).state()).toBe('open');
    const before = seen();
    const started = Date.now();
    const fast = await Promise.all(Array.from({ length: 20 }, read));
    expect(fast.every((k) => k === 'unavailable')).toBe(true);
    expect(seen()).toBe(before);
    expect(Date.now() - started).toBeLessThan(HALF_OPEN_AFTER_MS);
  });

  it('half-opens after its wait and closes when the simulator has recovered', async () => {
    const { s, fault, read, seen } = await failingPositions();
    for (let i = 0; i < 5; i++) await read();
    s.sim.faults.remove(fault);
    expect(await read()).toBe('unavailable'); // recovered, but the breaker does not know yet
    await sleep(HALF_OPEN_AFTER_MS);
    expect(s.breakers.forEndpoint(POSITIONS).state()).toBe('half-open');
    const before = seen();
    expect(await read()).toBe('ok'); // the trial call
    expect(s.breakers.forEndpoint(POSITIONS).state()).toBe('closed');
    expect(await Promise.all([read(), read(), read()])).toEqual(['ok', 'ok', 'ok']);
    expect(seen()).toBe(before + 4);
  });

  it('re-opens for another wait when the trial fails, while other endpoint groups keep working', async () => {
    const { s, read, seen } = await failingPositions();
    for (let i = 0; i < 5; i++) await read();
    expect(await s.api.searchAccounts({ onlyActiveAccounts: true })).not.toHaveLength(0);
    expect(s.breakers.forEndpoint('/api/Account/search').state()).toBe('closed');
    await sleep(HALF_OPEN_AFTER_MS);
    const before = seen();
    expect(await read()).toBe('transient'); // the trial reached the still-failing gateway
    expect(seen()).toBe(before + 1);
    expect(s.breakers.forEndpoint(POSITIONS).state()).toBe('open');
    expect(await read()).toBe('unavailable');
    expect(seen()).toBe(before + 1);
  });
});
