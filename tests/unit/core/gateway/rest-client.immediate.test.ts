import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../../src/core/gateway/rest-client';
import type { TokenProvider } from '../../../../src/core/resilience/executor';
import { ok, passThroughExecutor, scripted } from './fakes';
import { BASE, clock } from './rest-client-fixture';

/**
 * A request with nothing to wait for (a token ready now, a free rate slot) leaves within the
 * call: the enforcer's close is sent inside the decision's own task, before the journal, the
 * lockout and the state are written (enforce/fast-path.ts).
 */
function tokens(ready: string | undefined): TokenProvider & { asked: number } {
  const t = {
    asked: 0,
    readyToken: () => ready,
    async getToken() {
      t.asked += 1;
      return 'tok-async';
    },
    async onUnauthorized() {
      return 'tok-new';
    },
  };
  return t;
}

describe('REST client: sent within the call', () => {
  it('calls fetch before the call returns when a token is ready, with that token', async () => {
    const fetch = scripted(ok());
    const t = tokens('tok-ready');
    const api = createRestClient({ baseUrl: BASE, fetch, executor: passThroughExecutor(), tokens: t, clock });
    const closing = api.closePosition({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25' });
    expect(fetch.requests.map((r) => r.url)).toEqual([`${BASE}/api/Position/closeContract`]);
    expect(fetch.requests[0]?.headers.Authorization).toBe('Bearer tok-ready');
    await closing;
    expect(t.asked).toBe(0);
  });

  it('waits for getToken when no token is ready (none yet, or one due for a refresh)', async () => {
    const fetch = scripted(ok());
    const t = tokens(undefined);
    const api = createRestClient({ baseUrl: BASE, fetch, executor: passThroughExecutor(), tokens: t, clock });
    const closing = api.closePosition({ accountId: 7, contractId: 'CON.F.US.MNQ.Z25' });
    expect(fetch.requests).toEqual([]);
    await closing;
    expect(t.asked).toBe(1);
    expect(fetch.requests[0]?.headers.Authorization).toBe('Bearer tok-async');
  });
});
