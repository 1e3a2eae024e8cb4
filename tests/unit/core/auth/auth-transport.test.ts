import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthTransport } from '../../../../src/core/auth/auth-transport';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { fakeFetch, jsonResponse, ok, refused, scripted } from '../gateway/fakes';

const BASE = 'http://127.0.0.1:9999';
const SECRET = 'sk-live-abcdef123456';

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a failure');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('auth transport', () => {
  it('logs in with userName and apiKey, without a bearer header, and returns the token', async () => {
    const fetch = scripted(ok({ token: 'jwt-1' }));
    const auth = createAuthTransport({ fetch, baseUrl: BASE, timeoutMs: 1000 });
    await expect(auth.login('trader', SECRET)).resolves.toBe('jwt-1');
    expect(fetch.requests[0]?.url).toBe(`${BASE}/api/Auth/loginKey`);
    expect(fetch.requests[0]?.body).toEqual({ userName: 'trader', apiKey: SECRET });
    expect(fetch.requests[0]?.headers.Authorization).toBeUndefined();
  });

  it('validates with the bearer token and returns the new token', async () => {
    const fetch = scripted(ok({ newToken: 'jwt-2' }));
    const auth = createAuthTransport({ fetch, baseUrl: BASE });
    await expect(auth.validate('jwt-1')).resolves.toBe('jwt-2');
    expect(fetch.requests[0]?.url).toBe(`${BASE}/api/Auth/validate`);
    expect(fetch.requests[0]?.headers.Authorization).toBe('Bearer jwt-1');
  });

  it('defaults to the production REST host', async () => {
    const fetch = scripted(ok({ token: 't' }));
    await createAuthTransport({ fetch }).login('u', 'k');
    expect(fetch.requests[0]?.url).toBe('https://api.topstepx.com/api/Auth/loginKey');
  });

  it('maps a refused login (agreements not signed) to auth with its code, never echoing the key', async () => {
    const auth = createAuthTransport({ fetch: scripted(refused(7, 'Agreements not signed')), baseUrl: BASE });
    const error = await failure(auth.login('trader', SECRET));
    expect(error.kind).toBe('auth');
    expect(error.errorCode).toBe(7);
    expect(error.message).toContain('Agreements not signed');
    expect(error.message).not.toContain(SECRET);
  });

  it('maps an expired token on validate (code 3) and HTTP 401 to auth', async () => {
    const auth = createAuthTransport({
      fetch: scripted(refused(3, 'Expired'), jsonResponse(401, '')),
      baseUrl: BASE,
    });
    expect((await failure(auth.validate('old'))).kind).toBe('auth');
    const unauthorized = await failure(auth.validate('old'));
    expect(unauthorized.kind).toBe('auth');
    expect(unauthorized.message).not.toContain('old');
  });

  it('maps 5xx and network failures to transient, and 429 to rate-limited', async () => {
    const auth = createAuthTransport({
      fetch: scripted(
        jsonResponse(503, ''),
        new TypeError('fetch failed'),
        jsonResponse(429, '', { 'retry-after': '2' }),
      ),
      baseUrl: BASE,
    });
    expect((await failure(auth.login('u', 'k'))).kind).toBe('transient');
    expect((await failure(auth.login('u', 'k'))).kind).toBe('transient');
    const limited = await failure(auth.login('u', 'k'));
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAfterMs).toBe(2000);
  });

  it('times out a hanging login as transient', async () => {
    vi.useFakeTimers();
    const auth = createAuthTransport({ fetch: fakeFetch(() => new Promise(() => {})), baseUrl: BASE, timeoutMs: 500 });
    const call = failure(auth.login('u', 'k'));
    await vi.advanceTimersByTimeAsync(500);
    expect((await call).kind).toBe('transient');
  });

  it('rejects a login answer without a token as invalid-response', async () => {
    const auth = createAuthTransport({ fetch: scripted(ok({ token: 42 })), baseUrl: BASE });
    const error = await failure(auth.login('u', 'k'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('token');
  });
});
