/**
 * Last line of defence for "secrets never appear in errors": whatever a transport throws on
 * the way through the token manager comes out as a GatewayError without the API key or the
 * token in its message, and without a cause that holds one.
 */
import { errorNameAndMessage } from '../error-message';
import { GatewayError, isGatewayError } from '../resilience/errors';

const MARK = '[redacted]';

export function redactSecrets(error: unknown, secrets: ReadonlyArray<string | undefined>): GatewayError {
  const live = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  const clean = (text: string): string => live.reduce((t, s) => t.split(s).join(MARK), text);
  if (isGatewayError(error)) {
    const cause = error.cause;
    const causeText = cause === undefined ? '' : `${String(cause)} ${cause instanceof Error ? cause.stack : ''}`;
    if (!live.some((s) => error.message.includes(s) || causeText.includes(s))) return error;
    // Rebuilt without the cause: the secret may sit anywhere in it.
    return new GatewayError(error.kind, clean(error.message), {
      endpoint: error.endpoint,
      httpStatus: error.httpStatus,
      errorCode: error.errorCode,
      retryAfterMs: error.retryAfterMs,
    });
  }
  // Not one of ours (a TypeError from fetch, a store failure): keep its words, drop the object.
  const text = errorNameAndMessage(error, 'unknown error');
  return new GatewayError('transient', `sign-in request failed (${clean(text)})`, { endpoint: '/api/Auth' });
}
