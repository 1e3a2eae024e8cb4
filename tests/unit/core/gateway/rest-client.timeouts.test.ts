import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../../../src/core/gateway/rest-client';
import { fakeFetch, ok, scripted } from './fakes';
import { client, failure, MUTATIONS } from './rest-client-fixture';

afterEach(() => {
  vi.useRealTimers();
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
