import { afterEach, describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { createOrderManager } from '../../../src/core/gateway/order-manager';
import { systemClock } from '../../../src/core/ports';
import { GatewayError } from '../../../src/core/resilience/errors';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { type Stack, startStack } from '../../integration/gateway/harness';

/**
 * The REST stack under load and failure against the simulator. Windows are compressed
 * (200 per 3 s instead of 200 per 60 s; breaker half-open after 300 ms instead of 60 s),
 * proportions kept.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('REST client under chaos', () => {
  it('opens the breaker after consecutive 500s, fails fast, and recovers after its timeout', async () => {
    const halfOpenAfterMs = 100;
    stack = await startStack({ breaker: { failureThreshold: 5, halfOpenAfterMs }, retry: { maxAttempts: 1 } });
    const s = stack;
    s.sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Account/search' },
      effect: { type: 'http-error', status: 500 },
      schedule: { type: 'count', n: 20 },
    });
    const kinds: string[] = [];
    let served = 0;
    let recoveredAfter = 0;
    const started = Date.now();
    while (Date.now() - started < 10_000) {
      const before = s.sim.requests.list('/api/Account/search').length;
      try {
        await s.api.searchAccounts({ onlyActiveAccounts: true });
        recoveredAfter = Date.now() - started;
        break;
      } catch (error) {
        expect(error).toBeInstanceOf(GatewayError);
        const kind = (error as GatewayError).kind;
        kinds.push(kind);
        // Failing fast means the gateway never saw the request.
        if (kind === 'unavailable') expect(s.sim.requests.list('/api/Account/search').length).toBe(before);
        else served += 1;
      }
      await sleep(20);
    }
    expect(kinds.slice(0, 5)).toEqual(['transient', 'transient', 'transient', 'transient', 'transient']);
    expect(kinds[5]).toBe('unavailable');
    expect(kinds.filter((k) => k === 'unavailable').length).toBeGreaterThan(10);
    expect(served).toBe(20);
    expect(s.breakers.forEndpoint('/api/Account/search').state()).toBe('closed');
    // 5 failures open it; each of the other 15 fails a half-open trial and re-opens it for another wait.
    expect(recoveredAfter).toBeGreaterThanOrEqual(15 * halfOpenAfterMs);
    expect(recoveredAfter).toBeGreaterThan(0);
  });

  /**
   * An operation of 20 requests, alternating a read and an order placement 150 ms apart;
   * `beforeRequest(i)` runs before request i. Returns each request's outcome ('true' = success).
   */
  async function twentyRequestOperation(s: Stack, beforeRequest: (i: number) => void): Promise<string[]> {
    const contract = s.sim.contracts[0];
    if (!contract) throw new Error('no contracts');
    const manager = createOrderManager({
      api: s.api,
      store: createMemoryStore(),
      clock: systemClock,
      newId: (() => {
        let n = 0;
        return () => `t${++n}`;
      })(),
      backoffMs: () => 0,
    });
    const results: string[] = [];
    for (let i = 0; i < 20; i++) {
      beforeRequest(i);
      if (i % 2 === 0) {
        results.push(`${(await s.api.searchOpenOrders({ accountId: s.accountId })).length >= 0}`);
      } else {
        const outcome = await manager.placeOrder({
          accountId: s.accountId,
          contractId: contract.id,
          type: OrderType.Limit,
          side: OrderSide.Bid,
          size: 1,
          limitPrice: s.sim.market.price(contract.id) - 100 * contract.tickSize,
        });
        results.push(outcome.status === 'done' ? 'true' : outcome.status);
      }
      await sleep(150);
    }
    return results;
  }
  const allSucceeded = Array.from({ length: 20 }, () => 'true');

  it('keeps all 20 requests of an operation succeeding while the token expires under it', async () => {
    // A 1 s token, no proactive refresh: each expiry is met by a re-login (before sending, or
    // after a 401 when the server's clock saw it expire first).
    stack = await startStack({ sim: { tokenLifetimeSec: 1 }, refreshBufferMs: 0 });
    const s = stack;
    const results = await twentyRequestOperation(s, () => {});
    expect(results).toEqual(allSucceeded);
    // The operation spans ≥ 3 s, so the 1 s token expired at least twice under it.
    expect(s.sim.requests.list('/api/Auth/loginKey').length).toBeGreaterThanOrEqual(3);
    expect(s.sim.ledger.truth(s.accountId).openOrders).toHaveLength(10);
  });

  it('replays the one request that met a revoked token, after one 401 and one fresh sign-in', async () => {
    // A long-lived token, so the revocation (not an expiry) is what the 10th request meets:
    // 401 → refresh (validate is refused too) → fresh login → replay.
    stack = await startStack();
    const s = stack;
    const results = await twentyRequestOperation(s, (i) => {
      if (i === 10) s.sim.faults.revokeTokens();
    });
    expect(results).toEqual(allSucceeded);
    const unauthorized = s.sim.requests.list().filter((r) => r.httpStatus === 401);
    expect(unauthorized.map((r) => r.endpoint)).toContain('/api/Order/searchOpen');
    expect(unauthorized.filter((r) => r.endpoint === '/api/Order/searchOpen')).toHaveLength(1);
    expect(s.sim.requests.list('/api/Auth/loginKey')).toHaveLength(2); // first sign-in, then after the revocation
    expect(s.sim.ledger.truth(s.accountId).openOrders).toHaveLength(10);
  });
});
