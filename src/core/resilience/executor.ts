import type { Lane } from './lanes';

/**
 * How the REST client runs one call through the resilience layer. The implementation
 * (`createResilientExecutor` in this folder) applies, per attempt: the rate limiter's lane
 * and bucket, the endpoint group's circuit breaker, and — only when `idempotent` — the retry
 * policy for transient errors. Mutations are never retried here: the order manager decides.
 */
export interface CallOptions {
  /** Path such as `/api/Order/place`; picks the rate bucket and the breaker group. */
  endpoint: string;
  lane: Lane;
  idempotent: boolean;
  signal?: AbortSignal;
}

export interface CallExecutor {
  run<T>(options: CallOptions, attempt: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/** The token manager as the REST client and the hubs see it. */
export interface TokenProvider {
  /** A token valid for at least the refresh buffer; refreshes (once, shared) when needed. */
  getToken(): Promise<string>;
  /**
   * The token `getToken` would hand out at once (restored, outside the refresh buffer, no
   * sign-in running), without a wait; `undefined` otherwise: then call `getToken`. Lets the
   * enforcer's close leave inside the decision's task (rest-client.ts).
   */
  readyToken?(): string | undefined;
  /** The server rejected `token` (HTTP 401): refresh once; concurrent callers share it. */
  onUnauthorized(token: string): Promise<string>;
}
