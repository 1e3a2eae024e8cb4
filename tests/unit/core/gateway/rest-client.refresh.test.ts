import { describe, expect, it } from 'vitest';
import { jsonResponse, ok, scripted } from './fakes';
import { client, failure, MUTATIONS, order } from './rest-client-fixture';

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
