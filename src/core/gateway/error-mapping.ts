import type { z } from 'zod';
import { errorMessage } from '../error-message';
import { GatewayError } from '../resilience/errors';
import { type PayloadRejections, restRejection } from './payload-rejections';
import { EnvelopeSchema } from './schemas';

/**
 * HTTP outcome → error taxonomy (resilience/errors.ts), in one place:
 *
 *   401 ............................. auth (the client refreshes and replays once first)
 *   403 ............................. auth
 *   429 ............................. rate-limited, retryAfterMs from Retry-After
 *   408, 5xx, network, timeout ...... transient (read) | outcome-unknown (mutation)
 *   caller abort .................... aborted, except a mutation already sent: outcome-unknown
 *   other 4xx ....................... permanent
 *   2xx, unparseable / bad envelope . invalid-response
 *   2xx, success:false .............. permanent with errorCode + message, except the
 *                                     endpoint's "unknown outcome" codes → outcome-unknown
 *   2xx, success:true, bad payload .. invalid-response naming the endpoint and zod path
 *
 * Messages carry the endpoint, status and the server's errorMessage; never a body we sent,
 * a header or a token.
 */
export interface MappingTarget {
  endpoint: string;
  idempotent: boolean;
  unknownOutcomeCodes?: ReadonlySet<number>;
}

/** What a failure whose effect we cannot know becomes: reads may retry, mutations must re-read. */
export function ambiguousKind(target: MappingTarget): 'transient' | 'outcome-unknown' {
  return target.idempotent ? 'transient' : 'outcome-unknown';
}

/** Retry-After is either delta-seconds or an HTTP date; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export function errorForStatus(
  status: number,
  retryAfter: string | null,
  target: MappingTarget,
  nowMs: number,
): GatewayError {
  const { endpoint } = target;
  if (status === 401 || status === 403) {
    return new GatewayError('auth', `${endpoint}: HTTP ${status} (token missing, expired or revoked)`, {
      endpoint,
      httpStatus: status,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
    return new GatewayError('rate-limited', `${endpoint}: HTTP 429 rate limited`, {
      endpoint,
      httpStatus: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 408 || status >= 500) {
    return new GatewayError(ambiguousKind(target), `${endpoint}: HTTP ${status}`, { endpoint, httpStatus: status });
  }
  return new GatewayError('permanent', `${endpoint}: HTTP ${status}`, { endpoint, httpStatus: status });
}

export function errorForTimeout(target: MappingTarget, timeoutMs: number): GatewayError {
  return new GatewayError(ambiguousKind(target), `${target.endpoint}: no answer within ${timeoutMs} ms`, {
    endpoint: target.endpoint,
  });
}

export function errorForNetwork(target: MappingTarget, cause: unknown): GatewayError {
  const reason = errorMessage(cause);
  return new GatewayError(ambiguousKind(target), `${target.endpoint}: network failure (${reason})`, {
    endpoint: target.endpoint,
    cause,
  });
}

/**
 * A caller's abort. Before anything was sent it is `aborted`; a mutation aborted in flight
 * may still have reached the gateway, so it is `outcome-unknown` (re-read before deciding).
 */
export function errorForAbort(target: MappingTarget, sent: boolean): GatewayError {
  if (sent && !target.idempotent) {
    return new GatewayError('outcome-unknown', `${target.endpoint}: aborted by the caller after sending`, {
      endpoint: target.endpoint,
    });
  }
  return new GatewayError('aborted', `${target.endpoint}: aborted by the caller`, { endpoint: target.endpoint });
}

/** `accounts.0.balance: expected number, received string` — the first issues, joined. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
}

function invalid(target: MappingTarget, what: string, httpStatus: number): GatewayError {
  return new GatewayError('invalid-response', `${target.endpoint}: invalid response, ${what}`, {
    endpoint: target.endpoint,
    httpStatus,
  });
}

/**
 * Parse a 2xx answer: JSON, then the envelope, then the payload schema. Returns the parsed
 * payload (unknown extra fields kept) or throws the mapped GatewayError. An answer that fails
 * validation is also counted in `rejections` (guard health, journaled once per endpoint): a
 * gateway that changed a shape must show as such, not only as failed calls.
 */
export function parseSuccessBody<S extends z.ZodType>(
  text: string,
  status: number,
  schema: S,
  target: MappingTarget,
  rejections?: PayloadRejections,
): z.infer<S> {
  const fail = (what: string) => {
    rejections?.record(restRejection(target.endpoint, what, text));
    return invalid(target, what, status);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail('body is not JSON');
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) throw fail(describeZodError(envelope.error));
  const { success, errorCode, errorMessage } = envelope.data;
  if (!success) {
    const message = `${target.endpoint}: errorCode ${errorCode}${errorMessage ? ` (${errorMessage})` : ''}`;
    const kind = target.unknownOutcomeCodes?.has(errorCode) ? 'outcome-unknown' : 'permanent';
    throw new GatewayError(kind, message, { endpoint: target.endpoint, httpStatus: status, errorCode });
  }
  const payload = schema.safeParse(json);
  if (!payload.success) throw fail(describeZodError(payload.error));
  return payload.data;
}
