import type { FetchLike, HttpResponseLike } from '../../../../src/core/ports';
import type { CallExecutor, CallOptions, TokenProvider } from '../../../../src/core/resilience/executor';

/** Test doubles for the REST client: a scripted fetch, a pass-through executor, a token provider. */

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseLike {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

export const ok = (payload: Record<string, unknown> = {}) =>
  jsonResponse(200, { success: true, errorCode: 0, errorMessage: null, ...payload });
export const refused = (errorCode: number, errorMessage: string) =>
  jsonResponse(200, { success: false, errorCode, errorMessage });

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
}

export type Handler = (request: RecordedRequest, index: number) => HttpResponseLike | Promise<HttpResponseLike>;

export function fakeFetch(handler: Handler): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fn = (async (url, init) => {
    const request: RecordedRequest = {
      url,
      method: init.method,
      headers: init.headers,
      body: init.body === undefined ? undefined : JSON.parse(init.body),
      signal: init.signal,
    };
    requests.push(request);
    return handler(request, requests.length - 1);
  }) as FetchLike & { requests: RecordedRequest[] };
  fn.requests = requests;
  return fn;
}

/** Answers in order; the last one repeats. */
export function scripted(...answers: Array<HttpResponseLike | Error>): FetchLike & { requests: RecordedRequest[] } {
  return fakeFetch((_req, i) => {
    const answer = answers[Math.min(i, answers.length - 1)];
    if (answer === undefined) throw new Error('no scripted answer');
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

export function passThroughExecutor(): CallExecutor & { calls: CallOptions[] } {
  const calls: CallOptions[] = [];
  return {
    calls,
    run(options, attempt) {
      calls.push(options);
      return attempt(options.signal ?? new AbortController().signal);
    },
  };
}

export function fakeTokens(initial = 'tok-1'): TokenProvider & { unauthorized: string[]; current: string } {
  let n = 1;
  const tokens = {
    current: initial,
    unauthorized: [] as string[],
    async getToken() {
      return tokens.current;
    },
    async onUnauthorized(token: string) {
      tokens.unauthorized.push(token);
      n += 1;
      tokens.current = `tok-${n}`;
      return tokens.current;
    },
  };
  return tokens;
}
