import { AUTH_ENDPOINTS, type EndpointSpec } from '../gateway/endpoints';
import {
  errorForNetwork,
  errorForStatus,
  errorForTimeout,
  type MappingTarget,
  parseSuccessBody,
} from '../gateway/error-mapping';
import { normalizeBaseUrl, TOPSTEPX_HOSTS } from '../gateway/hosts';
import { postJson } from '../gateway/http-call';
import type { PayloadRejections } from '../gateway/payload-rejections';
import type { FetchLike, Timers } from '../ports';
import { systemTimers } from '../ports';
import { GatewayError } from '../resilience/errors';
import type { AuthTransport } from './token-manager-api';

export interface AuthTransportOptions {
  fetch: FetchLike;
  baseUrl?: string;
  timeoutMs?: number;
  timers?: Timers;
  /** For Retry-After dates; default Date.now. */
  now?: () => number;
  /** Where an answer that fails validation is counted and journaled (guard health). */
  rejections?: PayloadRejections;
}

/**
 * The two auth endpoints over plain fetch, for the token manager (auth/token-manager.ts)
 * to drive. No executor here: the token manager owns retries and sharing of refreshes, and
 * the login must not depend on a token.
 *
 *   login(userName, apiKey)  POST /api/Auth/loginKey  → token
 *   validate(token)          POST /api/Auth/validate  (Bearer token) → newToken
 *
 * Failures: `success:false` (bad key, agreements not signed, no subscription, expired token)
 * and HTTP 401/403 → `auth` with the errorCode; 429 → `rate-limited`; 5xx, network, timeout
 * → `transient` (both calls are safe to repeat). Errors never carry the key or the token.
 */
export function createAuthTransport(options: AuthTransportOptions): AuthTransport {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? TOPSTEPX_HOSTS.restBaseUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timers = options.timers ?? systemTimers;
  const now = options.now ?? (() => Date.now());

  async function post<S extends EndpointSpec>(
    spec: S,
    body: Record<string, unknown>,
    token: string | null,
  ): Promise<ReturnType<S['response']['parse']>> {
    // Both calls are repeatable: mistakes here cost a retry, never an order.
    const target: MappingTarget = { endpoint: spec.path, idempotent: true };
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const outcome = await postJson({
      fetch: options.fetch,
      timers,
      url: `${baseUrl}${spec.path}`,
      headers,
      body: JSON.stringify(body),
      timeoutMs,
    });
    if (outcome.type === 'timeout' || outcome.type === 'aborted') throw errorForTimeout(target, timeoutMs);
    if (outcome.type === 'network') throw errorForNetwork(target, outcome.cause);
    if (outcome.status < 200 || outcome.status >= 300) {
      throw errorForStatus(outcome.status, outcome.retryAfter, target, now());
    }
    try {
      return parseSuccessBody(outcome.text, outcome.status, spec.response, target, options.rejections) as ReturnType<
        S['response']['parse']
      >;
    } catch (error) {
      // A refused login or validation is an authentication failure, whatever its code.
      if (error instanceof GatewayError && error.kind === 'permanent') {
        throw new GatewayError('auth', error.message, {
          endpoint: spec.path,
          httpStatus: outcome.status,
          ...(error.errorCode === undefined ? {} : { errorCode: error.errorCode }),
        });
      }
      throw error;
    }
  }

  return {
    async login(userName, apiKey) {
      const answer = await post(AUTH_ENDPOINTS.login, { userName, apiKey }, null);
      return (answer as { token: string }).token;
    },
    async validate(token) {
      const answer = await post(AUTH_ENDPOINTS.validate, {}, token);
      return (answer as { newToken: string }).newToken;
    },
  };
}
