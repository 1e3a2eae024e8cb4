import type { FetchLike, Timers } from '../ports';

/**
 * One HTTP POST with a deadline and a caller's AbortSignal, reduced to what the error mapping
 * needs. Never throws: every way a request can end is a value, so the mapping to the error
 * taxonomy happens in one place (error-mapping.ts).
 *
 * The deadline races the whole exchange (headers AND body): a server that sends headers and
 * then stalls is a timeout too. The race does not rely on `fetch` honouring the signal (an
 * injected fake may not); the signal is still passed so a real fetch releases its socket.
 */
export type HttpOutcome =
  | { type: 'response'; status: number; retryAfter: string | null; text: string }
  /** `sent`: fetch had been called, so the server may have received the request. */
  | { type: 'aborted'; sent: boolean }
  | { type: 'timeout' }
  | { type: 'network'; cause: unknown };

export interface PostJsonOptions {
  fetch: FetchLike;
  timers: Timers;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export async function postJson(options: PostJsonOptions): Promise<HttpOutcome> {
  const { signal } = options;
  if (signal?.aborted) return { type: 'aborted', sent: false };
  const controller = new AbortController();
  let settle: (outcome: HttpOutcome) => void = () => {};
  const interrupted = new Promise<HttpOutcome>((resolve) => {
    settle = resolve;
  });
  const onCallerAbort = () => {
    controller.abort();
    settle({ type: 'aborted', sent: true });
  };
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = options.timers.setTimeout(() => {
    controller.abort();
    settle({ type: 'timeout' });
  }, options.timeoutMs);

  const exchange = (async (): Promise<HttpOutcome> => {
    try {
      const response = await options.fetch(options.url, {
        method: 'POST',
        headers: options.headers,
        body: options.body,
        signal: controller.signal,
      });
      const text = await response.text();
      return { type: 'response', status: response.status, retryAfter: response.headers.get('retry-after'), text };
    } catch (cause) {
      return { type: 'network', cause };
    }
  })();

  try {
    const outcome = await Promise.race([exchange, interrupted]);
    // A fetch that rejects because we aborted it reports the abort, not a network error.
    if (outcome.type === 'network' && controller.signal.aborted) {
      return signal?.aborted ? { type: 'aborted', sent: true } : { type: 'timeout' };
    }
    return outcome;
  } finally {
    options.timers.clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}
