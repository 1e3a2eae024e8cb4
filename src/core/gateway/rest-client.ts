import type { z } from 'zod';
import type { Clock, FetchLike, Timers } from '../ports';
import { systemTimers } from '../ports';
import { GatewayError, isGatewayError } from '../resilience/errors';
import type { CallExecutor, TokenProvider } from '../resilience/executor';
import { Lane } from '../resilience/lanes';
import type { CallContext, GatewayApi } from './api';
import { ENDPOINTS, type EndpointName, PING_PATH } from './endpoints';
import {
  describeZodError,
  errorForAbort,
  errorForNetwork,
  errorForStatus,
  errorForTimeout,
  type MappingTarget,
  parseSuccessBody,
} from './error-mapping';
import { normalizeBaseUrl, TOPSTEPX_HOSTS } from './hosts';
import { type HttpOutcome, postJson } from './http-call';
import type { PayloadRejections } from './payload-rejections';
import { anySignal } from './signals';

/**
 * The typed REST client: one function per endpoint (GatewayApi), each a POST with a JSON body
 * and `Authorization: Bearer <token>`, run through the resilient executor (rate-limit lane,
 * breaker, retries for reads only), answers parsed with the endpoint's schema.
 *
 * 401 handling — refresh once and replay once, for reads AND mutations:
 *   the gateway authenticates a request before any handler runs, so an HTTP 401 means the
 *   request was refused at the door and nothing was applied. Replaying a mutation after a
 *   401 therefore cannot duplicate it. A second 401 after the refresh is an `auth` error
 *   (not retried again: the token manager, not this client, owns re-authentication).
 *   Anything ambiguous (timeout, 5xx, dropped connection, a caller's abort after sending)
 *   on a mutation is NEVER replayed here: it becomes `outcome-unknown` and the order
 *   manager re-reads before deciding.
 *
 * Per attempt:
 *
 *   getToken ─▶ POST ─┬─ 401 ─▶ onUnauthorized ─▶ POST ─┬─ 401 ─▶ auth
 *                     │                                 └─ else ─▶ map
 *                     └─ else ─▶ map (error-mapping.ts)
 */
export interface RestClientOptions {
  /** REST base, e.g. the simulator's `http://127.0.0.1:PORT`. Default: TopstepX production. */
  baseUrl?: string;
  fetch: FetchLike;
  executor: CallExecutor;
  tokens: TokenProvider;
  /** Deadline per HTTP exchange. Default 10 s. */
  timeoutMs?: number;
  clock: Clock;
  timers?: Timers;
  /** Where a 2xx answer that fails validation is counted and journaled (guard health). */
  rejections?: PayloadRejections;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export function createRestClient(options: RestClientOptions): GatewayApi {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? TOPSTEPX_HOSTS.restBaseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timers = options.timers ?? systemTimers;
  const { executor, tokens, clock } = options;

  async function currentToken(endpoint: string, get: () => Promise<string>): Promise<string> {
    try {
      return await get();
    } catch (error) {
      if (isGatewayError(error)) throw error;
      throw new GatewayError('auth', `${endpoint}: no session token`, { endpoint, cause: error });
    }
  }

  function send(path: string, token: string, body: string, signal: AbortSignal): Promise<HttpOutcome> {
    return postJson({
      fetch: options.fetch,
      timers,
      url: `${baseUrl}${path}`,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body,
      timeoutMs,
      signal,
    });
  }

  /** One attempt: token, POST, one refresh-and-replay on 401. Returns the 2xx body text. */
  async function exchange(target: MappingTarget, body: string, signal: AbortSignal): Promise<HttpOutcome> {
    // A token ready now is used without awaiting: with a free rate slot the request then leaves
    // within the call (the enforcer's close, inside the decision's task).
    const token = tokens.readyToken?.() ?? (await currentToken(target.endpoint, () => tokens.getToken()));
    const first = await send(target.endpoint, token, body, signal);
    if (first.type !== 'response' || first.status !== 401) return first;
    const fresh = await currentToken(target.endpoint, () => tokens.onUnauthorized(token));
    return send(target.endpoint, fresh, body, signal);
  }

  function failureOf(outcome: Exclude<HttpOutcome, { type: 'response' }>, target: MappingTarget): GatewayError {
    switch (outcome.type) {
      case 'aborted':
        return errorForAbort(target, outcome.sent);
      case 'timeout':
        return errorForTimeout(target, timeoutMs);
      case 'network':
        return errorForNetwork(target, outcome.cause);
    }
  }

  function laneOf(ctx: CallContext | undefined): Lane {
    return ctx?.lane ?? Lane.Routine;
  }

  async function call<N extends EndpointName>(
    name: N,
    body: unknown,
    ctx: CallContext | undefined,
  ): Promise<z.infer<(typeof ENDPOINTS)[N]['response']>> {
    const spec = ENDPOINTS[name];
    const target: MappingTarget = {
      endpoint: spec.path,
      idempotent: spec.idempotent,
      unknownOutcomeCodes: spec.unknownOutcomeCodes,
    };
    // Bad input never reaches the wire: a clear error, nothing sent, nothing lost.
    const request = spec.request.safeParse(body);
    if (!request.success) {
      throw new GatewayError('permanent', `${spec.path}: invalid request, ${describeZodError(request.error)}`, {
        endpoint: spec.path,
      });
    }
    const json = JSON.stringify(request.data);
    const callerSignal = ctx?.signal;
    return executor.run(
      {
        endpoint: spec.path,
        lane: laneOf(ctx),
        idempotent: spec.idempotent,
        ...(callerSignal ? { signal: callerSignal } : {}),
      },
      async (attemptSignal) => {
        const signal = anySignal([attemptSignal, callerSignal]);
        const outcome = await exchange(target, json, signal);
        if (outcome.type !== 'response') throw failureOf(outcome, target);
        if (outcome.status < 200 || outcome.status >= 300) {
          throw errorForStatus(outcome.status, outcome.retryAfter, target, clock.now());
        }
        return parseSuccessBody(outcome.text, outcome.status, spec.response, target, options.rejections) as z.infer<
          (typeof ENDPOINTS)[N]['response']
        >;
      },
    );
  }

  async function ping(ctx?: CallContext): Promise<void> {
    const target: MappingTarget = { endpoint: PING_PATH, idempotent: true };
    const callerSignal = ctx?.signal;
    await executor.run(
      { endpoint: PING_PATH, lane: laneOf(ctx), idempotent: true, ...(callerSignal ? { signal: callerSignal } : {}) },
      async (attemptSignal) => {
        const outcome = await exchange(target, '{}', anySignal([attemptSignal, callerSignal]));
        if (outcome.type !== 'response') throw failureOf(outcome, target);
        if (outcome.status < 200 || outcome.status >= 300) {
          throw errorForStatus(outcome.status, outcome.retryAfter, target, clock.now());
        }
        if (!isPong(outcome.text)) {
          throw new GatewayError('invalid-response', `${PING_PATH}: invalid response, expected pong`, {
            endpoint: PING_PATH,
            httpStatus: outcome.status,
          });
        }
      },
    );
  }

  return {
    searchAccounts: async (body, ctx) => (await call('searchAccounts', body, ctx)).accounts,
    searchContracts: async (body, ctx) => (await call('searchContracts', body, ctx)).contracts,
    contractById: async (body, ctx) => (await call('contractById', body, ctx)).contract,
    availableContracts: async (body, ctx) => (await call('availableContracts', body, ctx)).contracts,
    retrieveBars: async (body, ctx) => (await call('retrieveBars', body, ctx)).bars,
    searchOrders: async (body, ctx) => (await call('searchOrders', body, ctx)).orders,
    searchOpenOrders: async (body, ctx) => (await call('searchOpenOrders', body, ctx)).orders,
    placeOrder: async (body, ctx) => ({ orderId: (await call('placeOrder', body, ctx)).orderId }),
    cancelOrder: async (body, ctx) => {
      await call('cancelOrder', body, ctx);
    },
    modifyOrder: async (body, ctx) => {
      await call('modifyOrder', body, ctx);
    },
    searchOpenPositions: async (body, ctx) => (await call('searchOpenPositions', body, ctx)).positions,
    closePosition: async (body, ctx) => {
      await call('closePosition', body, ctx);
    },
    partialClosePosition: async (body, ctx) => {
      await call('partialClosePosition', body, ctx);
    },
    searchTrades: async (body, ctx) => (await call('searchTrades', body, ctx)).trades,
    ping,
  };
}

/** `pong` as plain text, as a JSON string, or in an envelope with success:true. */
function isPong(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'pong') return true;
  try {
    const json: unknown = JSON.parse(trimmed);
    if (typeof json === 'string') return json.toLowerCase() === 'pong';
    return typeof json === 'object' && json !== null && (json as { success?: unknown }).success === true;
  } catch {
    return false;
  }
}
