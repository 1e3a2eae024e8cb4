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
