import type { Timers } from '../ports';
import { GatewayError } from './errors';

/** The error every abortable wait in this folder rejects with: kind `aborted`, no secrets. */
export function abortedError(endpoint?: string): GatewayError {
  return new GatewayError('aborted', 'the request was aborted by the caller', endpoint ? { endpoint } : {});
}

/**
 * Waits `ms` on the injected timers (so vitest fake timers drive it); rejects with an
 * `aborted` GatewayError as soon as `signal` aborts, and clears its timer.
 */
export function abortableSleep(timers: Timers, ms: number, signal?: AbortSignal, endpoint?: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError(endpoint));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      timers.clearTimeout(handle);
      reject(abortedError(endpoint));
    };
    const handle = timers.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits `ms` on the injected timers, or less: resolves at once for `ms` ≤ 0 or an aborted
 * `signal`, and as soon as `signal` aborts. Never rejects: for a loop that checks the signal
 * itself after each wait (the order manager's rounds end an aborted intent with an outcome).
 */
export function waitOrAbort(timers: Timers, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const onAbort = () => {
      timers.clearTimeout(handle);
      resolve();
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
