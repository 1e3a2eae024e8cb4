import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../../src/core/gateway/rest-client';
import { fakeFetch, fakeTokens, jsonResponse, ok, passThroughExecutor, scripted } from './fakes';
import { account, BASE, client, clock, failure, order } from './rest-client-fixture';

/** Requests the REST client sends and the payloads it accepts; errors, 401 replay and timeouts have their own suites. */

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
