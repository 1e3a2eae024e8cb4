/**
 * One error taxonomy for everything that talks to the gateway. Callers branch on `kind`,
 * never on messages:
 *
 * - `auth`            401, bad credentials, expired/revoked token: re-authenticate.
 * - `rate-limited`    429: wait `retryAfterMs`.
 * - `transient`       5xx, network failure, timeout on a read: may be retried.
 * - `permanent`       validation and business codes (`success:false`): never retried.
 * - `outcome-unknown` a mutation whose effect on the account is unknown (timeout, dropped
 *                     connection, 5xx, 429, "pending"/"unknown" codes): re-read, then decide.
 * - `unavailable`     the circuit breaker is open: fail fast, the UI says "service unavailable".
 * - `queue-full`      the rate limiter's bounded queue is full (backpressure).
 * - `aborted`         the caller aborted the request.
 * - `invalid-response` the answer did not match its schema (path kept).
 *
 * Messages never contain secrets: the constructor takes no request body or headers.
 */
export type GatewayErrorKind =
  | 'auth'
  | 'rate-limited'
  | 'transient'
  | 'permanent'
  | 'outcome-unknown'
  | 'unavailable'
  | 'queue-full'
  | 'aborted'
  | 'invalid-response';

export interface GatewayErrorDetails {
  endpoint?: string;
  httpStatus?: number;
  errorCode?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly kind: GatewayErrorKind;
  readonly endpoint: string | undefined;
  readonly httpStatus: number | undefined;
  readonly errorCode: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(kind: GatewayErrorKind, message: string, details: GatewayErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.endpoint = details.endpoint;
    this.httpStatus = details.httpStatus;
    this.errorCode = details.errorCode;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** Kinds that a retry of an idempotent read may cure. */
export function isTransient(error: unknown): boolean {
  return isGatewayError(error) && (error.kind === 'transient' || error.kind === 'rate-limited');
}
