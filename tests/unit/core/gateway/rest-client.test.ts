import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallContext, GatewayApi } from '../../../../src/core/gateway/api';
import { createRestClient, DEFAULT_REQUEST_TIMEOUT_MS } from '../../../../src/core/gateway/rest-client';
import type { FetchLike } from '../../../../src/core/ports';
import { GatewayError } from '../../../../src/core/resilience/errors';
import type { CallExecutor } from '../../../../src/core/resilience/executor';
import { fakeFetch, fakeTokens, jsonResponse, ok, passThroughExecutor, refused, scripted } from './fakes';

const BASE = 'http://127.0.0.1:9999';
const clock = { now: () => Date.parse('2026-11-25T15:00:00Z') };

const account = { id: 7, name: 'EXP-1', balance: 50_000, canTrade: true, isVisible: true, simulated: true };
const order = {
  id: 11,
  accountId: 7,
  contractId: 'CON.F.US.MNQ.Z25',
  creationTimestamp: '2026-11-25T14:59:00.1234567+00:00',
  status: 1,
  type: 2,
  side: 0,
  size: 1,
  customTag: 'rg-a',
};

function client(fetch: FetchLike, extra: { executor?: CallExecutor; timeoutMs?: number; baseUrl?: string } = {}) {
  const tokens = fakeTokens();
  const executor = extra.executor ?? passThroughExecutor();
  const api = createRestClient({
    baseUrl: extra.baseUrl ?? BASE,
    fetch,
    executor,
    tokens,
    clock,
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
  });
  return { api, tokens, executor };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected the call to fail');
}

type Mutation = { name: string; call: (api: GatewayApi, ctx?: CallContext) => Promise<unknown>; path: string };
const MUTATIONS: Mutation[] = [
  {
    name: 'place',
    path: '/api/Order/place',
    call: (api, ctx) =>
      api.placeOrder({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25', type: 2, side: 0, size: 1 }, ctx),
  },
  { name: 'cancel', path: '/api/Order/cancel', call: (api) => api.cancelOrder({ accountId: 7, orderId: 11 }) },
  { name: 'modify', path: '/api/Order/modify', call: (api) => api.modifyOrder({ accountId: 7, orderId: 11, size: 2 }) },
  {
    name: 'closeContract',
    path: '/api/Position/closeContract',
    call: (api) => api.closePosition({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25' }),
  },
  {
    name: 'partialCloseContract',
    path: '/api/Position/partialCloseContract',
    call: (api) => api.partialClosePosition({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25', size: 1 }),
  },
];

afterEach(() => {
  vi.useRealTimers();
});

describe('REST client: requests', () => {
  it('POSTs JSON with the bearer token to the configured base URL and returns the parsed payload', async () => {
    const fetch = scripted(ok({ accounts: [account] }));
    const { api } = client(fetch);
    await expect(api.searchAccounts({ onlyActiveAccounts: true })).resolves.toEqual([account]);
    const [request] = fetch.requests;
    expect(request?.url).toBe(`${BASE}/api/Account/search`);
    expect(request?.method).toBe('POST');
    expect(request?.headers.Authorization).toBe('Bearer tok-1');
    expect(request?.headers['Content-Type']).toBe('application/json');
    expect(request?.body).toEqual({ onlyActiveAccounts: true });
  });

  it('defaults to the TopstepX production host and strips a trailing slash from a configured one', async () => {
    const fetch = scripted(ok({ accounts: [] }));
    const prod = createRestClient({ fetch, executor: passThroughExecutor(), tokens: fakeTokens(), clock });
    await prod.searchAccounts({ onlyActiveAccounts: false });
    expect(fetch.requests[0]?.url).toBe('https://api.topstepx.com/api/Account/search');
    const local = client(fetch, { baseUrl: `${BASE}/` });
    await local.api.searchAccounts({ onlyActiveAccounts: false });
    expect(fetch.requests[1]?.url).toBe(`${BASE}/api/Account/search`);
  });

  it('runs reads as idempotent and mutations as not, in the routine lane unless the caller names one', async () => {
    const executor = passThroughExecutor();
    const fetch = fakeFetch((req) => (req.url.endsWith('/place') ? ok({ orderId: 5 }) : ok({ positions: [] })));
    const { api } = client(fetch, { executor });
    await api.searchOpenPositions({ accountId: 7 });
    await api.placeOrder(
      { accountId: 7, contractId: 'CON.F.US.MNQ.Z25', type: 2, side: 1, size: 1 },
      { lane: 'enforcement' },
    );
    expect(executor.calls.map((c) => [c.endpoint, c.lane, c.idempotent])).toEqual([
      ['/api/Position/searchOpen', 'routine', true],
      ['/api/Order/place', 'enforcement', false],
    ]);
  });

  it('rejects a malformed request body with a clear permanent error and sends nothing', async () => {
    const fetch = scripted(ok({ orderId: 1 }));
    const { api } = client(fetch);
    const error = await failure(
      api.placeOrder({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25', type: 2, side: 0, size: 0 }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('/api/Order/place');
    expect(error.message).toContain('size');
    expect(fetch.requests).toHaveLength(0);
  });

  it('round-trips every endpoint to its documented path', async () => {
    const contract = {
      id: 'CON.F.US.MNQ.Z25',
      name: 'MNQZ5',
      tickSize: 0.25,
      tickValue: 0.5,
      activeContract: true,
    };
    const position = {
      id: 3,
      accountId: 7,
      contractId: contract.id,
      creationTimestamp: '2026-11-25T14:00:00Z',
      type: 1,
      size: 2,
      averagePrice: 21000.25,
    };
    const trade = {
      id: 4,
      accountId: 7,
      contractId: contract.id,
      creationTimestamp: '2026-11-25T14:00:00Z',
      price: 21000.25,
      profitAndLoss: null,
      fees: 0.37,
      side: 0,
      size: 1,
      voided: false,
      orderId: 11,
    };
    const bar = { t: '2026-11-25T14:00:00Z', o: 1, h: 2, l: 0.5, c: 1.5, v: 10 };
    const answers: Record<string, Record<string, unknown>> = {
      '/api/Account/search': { accounts: [account] },
      '/api/Contract/search': { contracts: [contract] },
      '/api/Contract/searchById': { contract },
      '/api/Contract/available': { contracts: [contract] },
      '/api/History/retrieveBars': { bars: [bar] },
      '/api/Order/search': { orders: [order] },
      '/api/Order/searchOpen': { orders: [order] },
      '/api/Order/place': { orderId: 99 },
      '/api/Order/cancel': {},
      '/api/Order/modify': {},
      '/api/Position/searchOpen': { positions: [position] },
      '/api/Position/closeContract': {},
      '/api/Position/partialCloseContract': {},
      '/api/Trade/search': { trades: [trade] },
    };
    const fetch = fakeFetch((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/Status/ping') return jsonResponse(200, 'pong');
      const payload = answers[path];
      if (!payload) return jsonResponse(404, '');
      return ok(payload);
    });
    const { api } = client(fetch);
    const range = { accountId: 7, startTimestamp: '2026-11-25T00:00:00Z' };
    expect(await api.searchAccounts({ onlyActiveAccounts: true })).toEqual([account]);
    expect(await api.searchContracts({ searchText: 'MNQ', live: false })).toEqual([contract]);
    expect(await api.contractById({ contractId: contract.id })).toEqual(contract);
    expect(await api.availableContracts({ live: false })).toEqual([contract]);
    expect(
      await api.retrieveBars({
        contractId: contract.id,
        live: false,
        startTime: '2026-11-25T00:00:00Z',
        endTime: '2026-11-25T15:00:00Z',
        unit: 2,
        unitNumber: 1,
        limit: 100,
        includePartialBar: false,
      }),
    ).toEqual([bar]);
    expect(await api.searchOrders(range)).toEqual([order]);
    expect(await api.searchOpenOrders({ accountId: 7 })).toEqual([order]);
    expect(await api.placeOrder({ accountId: 7, contractId: contract.id, type: 2, side: 0, size: 1 })).toEqual({
      orderId: 99,
    });
    await expect(api.cancelOrder({ accountId: 7, orderId: 11 })).resolves.toBeUndefined();
    await expect(api.modifyOrder({ accountId: 7, orderId: 11, limitPrice: 21000 })).resolves.toBeUndefined();
    expect(await api.searchOpenPositions({ accountId: 7 })).toEqual([position]);
    await expect(api.closePosition({ accountId: 7, contractId: contract.id })).resolves.toBeUndefined();
    await expect(api.partialClosePosition({ accountId: 7, contractId: contract.id, size: 1 })).resolves.toBeUndefined();
    expect(await api.searchTrades(range)).toEqual([trade]);
    await expect(api.ping()).resolves.toBeUndefined();
    expect(fetch.requests.map((r) => new URL(r.url).pathname)).toEqual([...Object.keys(answers), '/api/Status/ping']);
  });

  it('accepts pong as plain text or in a successful envelope, and rejects anything else', async () => {
    const fetch = scripted(
      jsonResponse(200, 'pong'),
      jsonResponse(200, { success: true, errorCode: 0 }),
      jsonResponse(200, 'teapot'),
    );
    const { api } = client(fetch);
    await api.ping();
    await api.ping();
    expect((await failure(api.ping())).kind).toBe('invalid-response');
  });
});

describe('REST client: response parsing', () => {
  it('tolerates unknown extra fields and keeps them', async () => {
    const fetch = scripted(ok({ accounts: [{ ...account, riskTier: 'gold' }], serverBuild: '1.2' }));
    const { api } = client(fetch);
    const [parsed] = await api.searchAccounts({ onlyActiveAccounts: true });
    expect(parsed).toMatchObject({ id: 7, riskTier: 'gold' });
  });

  it('rejects a wrong type with invalid-response naming the endpoint and the zod path', async () => {
    const fetch = scripted(ok({ accounts: [account, { ...account, balance: '50000' }] }));
    const { api } = client(fetch);
    const error = await failure(api.searchAccounts({ onlyActiveAccounts: true }));
    expect(error.kind).toBe('invalid-response');
    expect(error.endpoint).toBe('/api/Account/search');
    expect(error.message).toContain('/api/Account/search');
    expect(error.message).toContain('accounts.1.balance');
  });

  it('rejects a payload that lacks its field (orderId) as invalid-response', async () => {
    const { api } = client(scripted(ok({})));
    const error = await failure(
      api.placeOrder({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25', type: 2, side: 0, size: 1 }),
    );
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('orderId');
  });

  it('rejects a body that is not JSON, or lacks the envelope, as invalid-response', async () => {
    const { api } = client(scripted(jsonResponse(200, '<html>oops</html>'), jsonResponse(200, { accounts: [] })));
    const notJson = await failure(api.searchAccounts({ onlyActiveAccounts: true }));
    expect(notJson.kind).toBe('invalid-response');
    expect(notJson.message).toContain('not JSON');
    const noEnvelope = await failure(api.searchAccounts({ onlyActiveAccounts: true }));
    expect(noEnvelope.kind).toBe('invalid-response');
    expect(noEnvelope.message).toContain('success');
  });
});

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

describe('REST client: 401 refresh and replay', () => {
  it('refreshes the token once on 401 and replays the read with the new token', async () => {
    const fetch = scripted(jsonResponse(401, ''), ok({ orders: [order] }));
    const { api, tokens } = client(fetch);
    await expect(api.searchOpenOrders({ accountId: 7 })).resolves.toHaveLength(1);
    expect(tokens.unauthorized).toEqual(['tok-1']);
    expect(fetch.requests.map((r) => r.headers.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('replays a mutation once after 401, since a 401 means the gateway did not accept it', async () => {
    const fetch = scripted(jsonResponse(401, ''), ok({ orderId: 77 }));
    const { api } = client(fetch);
    await expect(MUTATIONS[0]?.call(api)).resolves.toEqual({ orderId: 77 });
    expect(fetch.requests).toHaveLength(2);
    expect(fetch.requests[1]?.body).toEqual(fetch.requests[0]?.body);
  });

  it('gives up with auth after a second 401, replaying only once', async () => {
    const fetch = scripted(jsonResponse(401, ''));
    const { api, tokens } = client(fetch);
    const error = await failure(api.searchOpenOrders({ accountId: 7 }));
    expect(error.kind).toBe('auth');
    expect(error.httpStatus).toBe(401);
    expect(fetch.requests).toHaveLength(2);
    expect(tokens.unauthorized).toHaveLength(1);
  });
});

describe('REST client: timeouts and aborts', () => {
  const hanging = () => fakeFetch(() => new Promise(() => {}));

  it('times out a read after the default 10 s as transient, not before', async () => {
    vi.useFakeTimers();
    const { api } = client(hanging());
    let settled = false;
    const call = failure(api.searchOpenOrders({ accountId: 7 })).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(DEFAULT_REQUEST_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await call;
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('10000 ms');
  });

  it('times out a mutation after the configured timeout as outcome-unknown and aborts the fetch', async () => {
    vi.useFakeTimers();
    const fetch = hanging();
    const { api } = client(fetch, { timeoutMs: 2500 });
    const call = failure(MUTATIONS[0]?.call(api) ?? Promise.resolve());
    await vi.advanceTimersByTimeAsync(2500);
    expect((await call).kind).toBe('outcome-unknown');
    expect(fetch.requests[0]?.signal?.aborted).toBe(true);
  });

  it('times out an answer whose headers arrived but whose body stalls', async () => {
    vi.useFakeTimers();
    const stalled = fakeFetch(() => ({
      status: 200,
      headers: { get: () => null },
      text: () => new Promise<string>(() => {}),
    }));
    const { api } = client(stalled, { timeoutMs: 1000 });
    const call = failure(api.searchOpenOrders({ accountId: 7 }));
    await vi.advanceTimersByTimeAsync(1000);
    expect((await call).kind).toBe('transient');
  });

  it('aborts an in-flight request when the caller aborts, as aborted', async () => {
    const fetch = hanging();
    const { api } = client(fetch);
    const controller = new AbortController();
    const call = failure(api.searchOpenOrders({ accountId: 7 }, { signal: controller.signal }));
    await vi.waitFor(() => expect(fetch.requests).toHaveLength(1));
    controller.abort();
    const error = await call;
    expect(error.kind).toBe('aborted');
    expect(fetch.requests[0]?.signal?.aborted).toBe(true);
  });

  it('sends nothing when the caller signal is already aborted', async () => {
    const fetch = scripted(ok({ orders: [] }));
    const { api } = client(fetch);
    const controller = new AbortController();
    controller.abort();
    expect((await failure(api.searchOpenOrders({ accountId: 7 }, { signal: controller.signal }))).kind).toBe('aborted');
    expect(fetch.requests).toHaveLength(0);
  });

  it('maps a fetch that rejects on its own abort to the abort, not to a network failure', async () => {
    const fetch = fakeFetch(
      (req) =>
        new Promise((_resolve, reject) => {
          req.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const { api } = client(fetch);
    const controller = new AbortController();
    const call = failure(api.searchOpenPositions({ accountId: 7 }, { signal: controller.signal }));
    await vi.waitFor(() => expect(fetch.requests).toHaveLength(1));
    controller.abort();
    expect((await call).kind).toBe('aborted');
  });

  it('calls a mutation aborted in flight outcome-unknown: it may have reached the gateway', async () => {
    const fetch = hanging();
    const { api } = client(fetch);
    const controller = new AbortController();
    const call = failure(api.cancelOrder({ accountId: 7, orderId: 1 }, { signal: controller.signal }));
    await vi.waitFor(() => expect(fetch.requests).toHaveLength(1));
    controller.abort();
    const error = await call;
    expect(error.kind).toBe('outcome-unknown');
    expect(error.message).toContain('aborted by the caller after sending');
  });

  it('calls a mutation aborted before sending simply aborted', async () => {
    const fetch = scripted(ok({ orderId: 1 }));
    const { api } = client(fetch);
    const controller = new AbortController();
    controller.abort();
    const error = await failure(MUTATIONS[0]?.call(api, { signal: controller.signal }) ?? Promise.resolve());
    expect(error.kind).toBe('aborted');
    expect(fetch.requests).toHaveLength(0);
  });
});
