/**
 * How soon a failed sign-in may be tried again, for the token manager. Without a usable token
 * every caller (hubs, poller, watchdog, each REST call) asks for one, and the auth endpoints
 * bypass the rate limiter: this is what keeps those asks from becoming logins.
 *
 *   transient failure (network, 5xx) ─► callers get the same error for `transientMs` (5 s):
 *                                        the network may be back any moment
 *   refused (`auth`: revoked or wrong key) ─► 1 min, 2, 4, 8, 16, then every 30 min: a refused
 *                                        key rarely starts working again by itself (it was
 *                                        ~700 logins an hour), but a key re-enabled on the
 *                                        TopstepX site should not wait for a new one for ever
 *
 * The refusal (count and time) is saved through the session store, because an MV3 worker that
 * wakes every 30 s would otherwise start the schedule over at each wake. A success, a new key
 * (`reset`) or `clear` forgets it.
 */
import type { Clock } from '../ports';
import { GatewayError } from '../resilience/errors';
import type { SessionStore } from './session-store';

export interface SignInBackoffOptions {
  clock: Clock;
  session: SessionStore;
  transientMs: number;
  refusedBaseMs?: number;
  refusedMaxMs?: number;
}

export interface SignInBackoff {
  /** The error to give callers at once while a retry is not due yet; undefined when it is. */
  blocking(): GatewayError | undefined;
  failed(error: GatewayError): Promise<void>;
  /** A sign-in worked (or a new key was entered): forget every failure. */
  reset(): Promise<void>;
  /** Load a refusal saved by a previous worker; true when there is one. */
  restore(): Promise<boolean>;
  refused(): boolean;
}

export function createSignInBackoff(options: SignInBackoffOptions): SignInBackoff {
  const { clock, session, transientMs } = options;
  const baseMs = options.refusedBaseMs ?? 60_000;
  const maxMs = options.refusedMaxMs ?? 30 * 60_000;
  let last: { error: GatewayError; at: number } | undefined;
  let refusals = 0;

  const waitMs = (): number => (refusals > 0 ? Math.min(maxMs, baseMs * 2 ** Math.min(refusals - 1, 30)) : transientMs);

  return {
    blocking() {
      if (!last) return undefined;
      return clock.now() - last.at < waitMs() ? last.error : undefined;
    },
    async failed(error) {
      const at = clock.now();
      last = { error, at };
      if (error.kind !== 'auth') return;
      refusals++;
      await session.saveRefusal({ refusals, at }).catch(() => undefined); // best effort: costs a few early retries
    },
    async reset() {
      const hadRefusal = refusals > 0;
      last = undefined;
      refusals = 0;
      if (hadRefusal) await session.forgetRefusal().catch(() => undefined);
    },
    async restore() {
      const saved = await session.loadRefusal().catch(() => undefined);
      if (!saved || refusals > 0) return refusals > 0;
      refusals = saved.refusals;
      last = {
        at: Math.min(saved.at, clock.now()),
        error: new GatewayError('auth', 'the API key was refused: re-enter your API key', {
          endpoint: '/api/Auth/loginKey',
        }),
      };
      return true;
    },
    refused: () => refusals > 0,
  };
}
