import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../../src/core/gateway/rest-client';
import { GatewayError } from '../../../../src/core/resilience/errors';
import type { CallExecutor } from '../../../../src/core/resilience/executor';
import { jsonResponse, ok, passThroughExecutor, refused, scripted } from './fakes';
import { BASE, client, clock, failure, MUTATIONS } from './rest-client-fixture';

describe('REST client: error mapping', () => {
  it('maps success:false to permanent, keeping the error code and message', async () => {
    const { api } = client(scripted(refused(3, 'Insufficient funds')));
    const error = await failure(
      api.placeOrder({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25', type: 2, side: 0, size: 1 }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.errorCode).toBe(3);
    expect(error.message).toContain('Insufficient funds');
  });

  it('keeps an unknown business code as a permanent error with its message', async () => {
    const { api } = client(scripted(refused(42, 'Something new')));
    const error = await failure(api.searchOpenOrders({ accountId: 7 }));
    expect(error.kind).toBe('permanent');
    expect(error.errorCode).toBe(42);
    expect(error.message).toContain('Something new');
  });

  it.each([6, 7])('maps place code %i (pending/unknown) to outcome-unknown', async (code) => {
    const { api } = client(scripted(refused(code, 'pending')));
    const error = await failure(MUTATIONS[0]?.call(api) ?? Promise.resolve());
    expect(error.kind).toBe('outcome-unknown');
    expect(error.errorCode).toBe(code);
  });

  it.each([
    ['closeContract', 6],
    ['closeContract', 7],
    ['partialCloseContract', 6],
    ['partialCloseContract', 7],
  ])('maps %s code %i to outcome-unknown', async (name, code) => {
    const mutation = MUTATIONS.find((m) => m.name === name);
    if (!mutation) throw new Error(name);
    const { api } = client(scripted(refused(code, 'unknown')));
    expect((await failure(mutation.call(api))).kind).toBe('outcome-unknown');
  });

  it('keeps other close codes (partial close 5 invalid size) and cancel code 6 permanent', async () => {
    const { api } = client(scripted(refused(5, 'Invalid size'), refused(6, 'nope')));
    const partial = await failure(api.partialClosePosition({ accountId: 7, contractId: 'X', size: 3 }));
    expect(partial.kind).toBe('permanent');
    expect(partial.errorCode).toBe(5);
    expect((await failure(api.cancelOrder({ accountId: 7, orderId: 1 }))).kind).toBe('permanent');
  });

  it('maps 429 to rate-limited with Retry-After in seconds or as an HTTP date', async () => {
    const inFiveSeconds = new Date(clock.now() + 5000).toUTCString();
    const { api } = client(
      scripted(
        jsonResponse(429, '', { 'Retry-After': '3' }),
        jsonResponse(429, '', { 'Retry-After': inFiveSeconds }),
        jsonResponse(429, ''),
      ),
    );
    const seconds = await failure(api.searchOpenOrders({ accountId: 7 }));
    expect(seconds.kind).toBe('rate-limited');
    expect(seconds.retryAfterMs).toBe(3000);
    expect((await failure(api.searchOpenOrders({ accountId: 7 }))).retryAfterMs).toBe(5000);
    const bare = await failure(api.searchOpenOrders({ accountId: 7 }));
    expect(bare.kind).toBe('rate-limited');
    expect(bare.retryAfterMs).toBeUndefined();
  });

  it.each([500, 502, 503, 504, 408])('maps HTTP %i on a read to transient', async (status) => {
    const { api } = client(scripted(jsonResponse(status, '')));
    const error = await failure(api.searchOpenPositions({ accountId: 7 }));
    expect(error.kind).toBe('transient');
    expect(error.httpStatus).toBe(status);
  });

  it.each(MUTATIONS.map((m) => [m.name, m] as const))('maps HTTP 500 on %s to outcome-unknown', async (_n, m) => {
    const { api } = client(scripted(jsonResponse(500, '')));
    const error = await failure(m.call(api));
    expect(error.kind).toBe('outcome-unknown');
    expect(error.endpoint).toBe(m.path);
  });

  it('maps a network failure to transient on a read and outcome-unknown on a mutation', async () => {
    const { api } = client(scripted(new TypeError('fetch failed: ECONNRESET')));
    const read = await failure(api.searchTrades({ accountId: 7, startTimestamp: '2026-11-25T00:00:00Z' }));
    expect(read.kind).toBe('transient');
    expect(read.message).toContain('ECONNRESET');
    expect((await failure(MUTATIONS[3]?.call(api) ?? Promise.resolve())).kind).toBe('outcome-unknown');
  });

  it('maps 403 to auth and other 4xx to permanent', async () => {
    const { api } = client(scripted(jsonResponse(403, ''), jsonResponse(400, ''), jsonResponse(404, '')));
    expect((await failure(api.searchOpenOrders({ accountId: 7 }))).kind).toBe('auth');
    expect((await failure(api.searchOpenOrders({ accountId: 7 }))).kind).toBe('permanent');
    expect((await failure(api.searchOpenOrders({ accountId: 7 }))).kind).toBe('permanent');
  });

  it.each(['unavailable', 'queue-full'] as const)("passes the executor's %s error through unchanged", async (kind) => {
    const fetch = scripted(ok({ orders: [] }));
    const executor: CallExecutor = {
      run: async () => {
        throw new GatewayError(kind, `executor says ${kind}`, { endpoint: '/api/Order/searchOpen' });
      },
    };
    const { api } = client(fetch, { executor });
    expect((await failure(api.searchOpenOrders({ accountId: 7 }))).kind).toBe(kind);
    expect(fetch.requests).toHaveLength(0);
  });

  it('wraps a token provider failure as auth without sending anything', async () => {
    const fetch = scripted(ok({ orders: [] }));
    const api = createRestClient({
      baseUrl: BASE,
      fetch,
      executor: passThroughExecutor(),
      clock,
      tokens: {
        getToken: async () => {
          throw new Error('vault locked');
        },
        onUnauthorized: async () => 'never',
      },
    });
    expect((await failure(api.searchOpenOrders({ accountId: 7 }))).kind).toBe('auth');
    expect(fetch.requests).toHaveLength(0);
  });

  it('never puts the token in an error message', async () => {
    const { api } = client(scripted(jsonResponse(401, ''), jsonResponse(401, '')));
    const error = await failure(api.searchOpenOrders({ accountId: 7 }));
    expect(error.message).not.toContain('tok-');
    expect(JSON.stringify(error)).not.toContain('tok-');
  });
});
