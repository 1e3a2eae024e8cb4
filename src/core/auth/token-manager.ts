/**
 * The session token: obtained with the API key, kept fresh through `validate`, persisted
 * encrypted (secret-vault) so a restarted worker reuses it. Implements TokenProvider.
 *
 *   none ──setCredentials/login──► refreshing ──ok──► valid ──within 2 h of exp──► refreshing
 *     ▲                               │  │                ▲                          │
 *     └──────── clear() ──────────────┘  │ transient      └───────── ok ─────────────┤
 *                                        ▼ failure                                   │
 *                               failed (old token used while unexpired; retried      │
 *                                       after `failureBackoffMs`)  ◄─────────────────┤
 *                               reenter-key (login said `auth`, no key stored, or ◄──┘
 *                                            the vault cannot decrypt)
 *
 * The states, the events and the one transition table are in token-machine.ts: every change
 * of state goes through `dispatch`, which consults it.
 *
 * - Expiry comes from the JWT `exp` claim (read, not verified: the server verifies). A
 *   token without a readable `exp`, or one already past it (clock skew), gets 24 h.
 * - Refresh: `validate(token)`; if that fails, a fresh `login` with the stored key.
 * - One refresh in flight, shared by every caller (getToken and onUnauthorized alike).
 * - A 401 means the token is dead: it is not handed out again and a fresh login replaces
 *   it; a 401 for a token that was already replaced returns the replacement at once.
 * - Without a usable token, a failed sign-in is not repeated at once (callers get the same
 *   error): 5 s after a network failure, a slow capped schedule after a refused key, kept
 *   across worker restarts (sign-in-backoff.ts). While a refused key is retried in the
 *   background the state stays `reenter-key`. setCredentials() always tries.
 * - A 401 kills the token for good: it is forgotten in the vault too, so a restarted worker
 *   does not bring it back.
 * - Key and token are bound to the gateway they were entered for (`boundTo`): saved for another,
 *   they are forgotten and the state says `reenter-key`.
 * - Errors leaving this file never carry the key or token (`redact`).
 */
import type { TimerHandle } from '../ports';
import { GatewayError, isGatewayError } from '../resilience/errors';
import { jwtExpiry } from './jwt-expiry';
import { redactSecrets } from './redact-secrets';
import { isVaultFailure } from './secret-vault';
import { type Credentials, createSessionStore, FOREIGN } from './session-store';
import { createSignInBackoff } from './sign-in-backoff';
import { nextTokenState, type TokenEvent } from './token-machine';
import type { TokenManager, TokenManagerOptions, TokenState } from './token-manager-api';

export { jwtExpiry } from './jwt-expiry';

export type { AuthTransport, TokenManager, TokenManagerOptions, TokenState } from './token-manager-api';

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { clock, timers, auth } = options;
  const session = createSessionStore(options.vault, options.boundTo);
  const bufferMs = options.refreshBufferMs ?? 2 * 60 * 60_000;
  const fallbackMs = options.fallbackLifetimeMs ?? 24 * 60 * 60_000;
  const failureBackoffMs = options.failureBackoffMs ?? 30_000;
  const backoff = createSignInBackoff({
    clock,
    session,
    transientMs: options.signInBackoffMs ?? 5_000,
    ...(options.refusedRetryMs
      ? { refusedBaseMs: options.refusedRetryMs.firstMs, refusedMaxMs: options.refusedRetryMs.maxMs }
      : {}),
  });
  const listeners = new Set<(state: TokenState) => void>();

  let current: TokenState = 'none';
  let token: string | undefined;
  let expiry: number | undefined;
  let creds: Credentials | undefined;
  let inflight: Promise<string> | undefined;
  let lastFailureAt: number | undefined;
  let restoring: Promise<void> | undefined;
  /** The persisted key and token are loaded: readyToken answers only then (getToken awaits it). */
  let restored = false;
  let timer: TimerHandle | undefined;
  /** Bumped by clear() and setCredentials(): a sign-in started before must not land after. */
  let epoch = 0;

  /** Every state change goes through here: the table (token-machine.ts) decides, the listeners hear. */
  const dispatch = (event: TokenEvent): void => {
    const next = nextTokenState(current, event);
    if (next === null || next === current) return;
    current = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch {
        // A broken UI listener must not break sign-in.
      }
    }
  };

  const redact = (error: unknown): GatewayError => redactSecrets(error, [creds?.apiKey, token]);

  const needsRefresh = (): boolean => expiry === undefined || clock.now() >= expiry - bufferMs;
  const isExpired = (): boolean => expiry === undefined || clock.now() >= expiry;

  const schedule = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (expiry === undefined) return;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        void api.refreshIfDue().catch(() => undefined); // the state shows the failure
      },
      Math.max(0, expiry - bufferMs - clock.now()),
    );
  };

  const adopt = async (next: string): Promise<void> => {
    const now = clock.now();
    const exp = jwtExpiry(next);
    token = next;
    expiry = exp !== undefined && exp > now ? exp : now + fallbackMs;
    lastFailureAt = undefined;
    schedule();
    await backoff.reset();
    try {
      await session.saveToken({ token: next, expiresAt: expiry });
    } catch {
      // Not persisted: the worker signs in again after a restart. Still usable now.
    }
  };

  const notSignedIn = (): GatewayError => {
    dispatch('key-needed');
    return new GatewayError('auth', 'not signed in: re-enter your API key', { endpoint: '/api/Auth/loginKey' });
  };

  const refresh = (mode: 'validate' | 'login'): Promise<string> => {
    if (inflight) return inflight;
    const started = epoch;
    const run = async (): Promise<string> => {
      // A refused key retried in the background stays `reenter-key` until it works (the table).
      dispatch('refresh');
      try {
        let next: string | undefined;
        const old = token;
        if (mode === 'validate' && old !== undefined && !isExpired()) {
          next = await auth.validate(old).catch(() => undefined);
        }
        if (next === undefined) {
          if (!creds) throw notSignedIn();
          next = await auth.login(creds.userName, creds.apiKey);
        }
        if (epoch !== started) {
          throw new GatewayError('aborted', 'sign-in superseded: the credentials were changed or cleared');
        }
        await adopt(next);
        dispatch('signed-in');
        return next;
      } catch (error) {
        const safe = redact(error);
        if (epoch !== started) throw safe; // superseded: the state belongs to the newer session
        lastFailureAt = clock.now();
        await backoff.failed(safe);
        dispatch(safe.kind === 'auth' || backoff.refused() ? 'key-needed' : 'failed');
        throw safe;
      }
    };
    const p = run().finally(() => {
      if (inflight === p) inflight = undefined;
    });
    inflight = p;
    return p;
  };

  /** A fresh login for a caller that has no usable token, unless a failed one is still backing off. */
  const signIn = (): Promise<string> => {
    if (!creds) return Promise.reject(notSignedIn());
    const blocked = backoff.blocking();
    return blocked ? Promise.reject(blocked) : refresh('login');
  };

  const loadPersisted = async (): Promise<void> => {
    try {
      const savedCreds = await session.loadCredentials();
      const savedToken = await session.loadToken();
      if (savedCreds !== FOREIGN) creds ??= savedCreds;
      // Entered for another gateway (and now deleted): ask for the key again, never send it here.
      else if (!creds) dispatch('key-needed');
      if (token === undefined && savedToken && savedToken !== FOREIGN && savedToken.expiresAt > clock.now()) {
        token = savedToken.token;
        expiry = savedToken.expiresAt;
        schedule();
        dispatch('restored');
      }
      if ((await backoff.restore()) && token === undefined) dispatch('key-needed');
    } catch (error) {
      if (isVaultFailure(error)) dispatch('key-needed');
      else throw redact(error);
    }
    restored = true;
  };
  const ensureRestored = (): Promise<void> => {
    if (!restoring) {
      const p = loadPersisted();
      restoring = p;
      // A store that failed to answer is asked again next time, not remembered as empty.
      p.catch(() => {
        if (restoring === p) restoring = undefined;
      });
    }
    return restoring;
  };

  const api: TokenManager = {
    async getToken() {
      await ensureRestored();
      const old = token;
      // A failed refresh leaves a still-valid old token usable (state shows `failed`).
      const orOld = (p: Promise<string>): Promise<string> =>
        p.catch((error: unknown) => {
          if (old !== undefined && token === old && !isExpired()) return old;
          throw error;
        });
      if (inflight) return orOld(inflight);
      if (token !== undefined && !needsRefresh()) return token;
      if (token === undefined || isExpired()) return signIn();
      // Inside the buffer with a still-valid token: after a recent failure keep using it.
      if (lastFailureAt !== undefined && clock.now() - lastFailureAt < failureBackoffMs) return token;
      return orOld(refresh('validate'));
    },

    readyToken() {
      return restored && !inflight && token !== undefined && !needsRefresh() ? token : undefined;
    },

    async onUnauthorized(rejected) {
      await ensureRestored();
      if (inflight) return inflight;
      if (token !== undefined && token !== rejected) return api.getToken();
      expiry = clock.now(); // dead: never hand it out again, nor bring it back after a restart
      if (token !== undefined) await session.forgetToken().catch(() => undefined);
      return signIn();
    },

    async setCredentials(userName, apiKey) {
      await ensureRestored();
      await inflight?.catch(() => undefined);
      epoch++;
      creds = { userName, apiKey };
      token = undefined;
      expiry = undefined;
      await backoff.reset();
      try {
        // The old session must not come back after a restart if this key is refused.
        await session.forgetToken();
        await session.saveCredentials({ userName, apiKey });
      } catch (error) {
        throw redact(error);
      }
      try {
        dispatch('new-key'); // a new key: no longer the refused one
        await refresh('login');
      } catch (error) {
        if (isGatewayError(error) && error.kind === 'auth') {
          creds = undefined;
          await session.forgetCredentials().catch(() => undefined);
        }
        throw error;
      }
    },

    restore: ensureRestored,

    async refreshIfDue() {
      await ensureRestored();
      if (token !== undefined && needsRefresh()) await api.getToken();
    },

    needsRefresh,

    async clear() {
      epoch++;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      token = undefined;
      expiry = undefined;
      creds = undefined;
      lastFailureAt = undefined;
      await backoff.reset();
      restoring = Promise.resolve();
      restored = true;
      await Promise.all([session.forgetToken(), session.forgetCredentials()]);
      dispatch('cleared');
    },

    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    expiresAt: () => expiry,
    dispose() {
      epoch++; // a sign-in still in flight must not store its token for a guard that is gone
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      listeners.clear();
    },
  };
  return api;
}
