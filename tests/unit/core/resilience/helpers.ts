import { expect } from 'vitest';
import type { Clock, Timers } from '../../../../src/core/ports';
import { GatewayError } from '../../../../src/core/resilience/errors';

/** Reads Date.now at call time, so vitest fake timers drive it. */
export const fakeClock: Clock = { now: () => Date.now() };
export const fakeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const transient = (endpoint = '/api/Account/search'): GatewayError =>
  new GatewayError('transient', 'HTTP 503 service unavailable', { endpoint, httpStatus: 503 });
export const permanent = (endpoint = '/api/Account/search'): GatewayError =>
  new GatewayError('permanent', 'HTTP 400 bad request', { endpoint, httpStatus: 400 });
export const rateLimited = (retryAfterMs?: number): GatewayError =>
  new GatewayError('rate-limited', 'HTTP 429 too many requests', {
    httpStatus: 429,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

/** Everything an error could leak through: message, stack, own fields, the cause chain. */
export function serializeError(error: unknown, depth = 0): string {
  if (depth > 5) return '';
  if (!(error instanceof Error)) return JSON.stringify(error) ?? String(error);
  const own: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(error)) {
    if (key !== 'cause') own[key] = (error as unknown as Record<string, unknown>)[key];
  }
  return [String(error), error.stack ?? '', JSON.stringify(own), serializeError(error.cause, depth + 1)].join('\n');
}

export function expectNoSecrets(errors: readonly unknown[], secrets: readonly string[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    const text = serializeError(error);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/** Settle a promise without an unhandled rejection, to inspect it later. */
export function settle<T>(p: Promise<T>): { result: () => PromiseSettledResult<T> | undefined } {
  let outcome: PromiseSettledResult<T> | undefined;
  p.then(
    (value) => {
      outcome = { status: 'fulfilled', value };
    },
    (reason: unknown) => {
      outcome = { status: 'rejected', reason };
    },
  );
  return { result: () => outcome };
}

/** The rejection reason of a settled call; fails the test if it did not reject. */
export function rejectionOf(s: { result: () => PromiseSettledResult<unknown> | undefined }): GatewayError {
  const result = s.result();
  if (result?.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return result.reason as GatewayError;
}
