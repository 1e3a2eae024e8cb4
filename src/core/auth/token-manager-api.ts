/**
 * The token manager's surface (token-manager.ts builds it): what the REST client, the hubs and
 * the guard see, and the options it is built with. Kept apart so that file holds only its
 * state machine.
 */
import type { Clock, Timers } from '../ports';
import type { TokenProvider } from '../resilience/executor';
import type { SecretVault } from './secret-vault';

/** Sign-in and token renewal over the network (auth-transport.ts, beside it, implements it). */
export interface AuthTransport {
  login(userName: string, apiKey: string): Promise<string>;
  validate(token: string): Promise<string>;
}

/** The token manager's state, as the guard's health reports it. */
export type TokenState = 'none' | 'valid' | 'refreshing' | 'failed' | 'reenter-key';

export interface TokenManager extends TokenProvider {
  state(): TokenState;
  subscribe(listener: (state: TokenState) => void): () => void;
  /** Store the key (encrypted) and sign in with it; rejects (and forgets the key) on `auth`. */
  setCredentials(userName: string, apiKey: string): Promise<void>;
  /** Load the persisted key and token; getToken does it on first use too. */
  restore(): Promise<void>;
  /** Refresh when inside the buffer (for an alarm: timers do not survive a worker's sleep). */
  refreshIfDue(): Promise<void>;
  needsRefresh(): boolean;
  /** Forget key and token (memory and vault). */
  clear(): Promise<void>;
  expiresAt(): number | undefined;
  dispose(): void;
}

export interface TokenManagerOptions {
  clock: Clock;
  timers: Timers;
  auth: AuthTransport;
  vault: SecretVault;
  /**
   * The gateway the secrets belong to (its hosts, e.g. `hostBindingOf` in gateway/hosts.ts):
   * secrets saved for any other are forgotten, never sent (session-store.ts).
   */
  boundTo: string;
  refreshBufferMs?: number;
  fallbackLifetimeMs?: number;
  /** After a failed refresh, how long the still-valid old token is used before trying again. */
  failureBackoffMs?: number;
  /** After a failed sign-in (network) with no usable token, how long callers get that error at once. */
  signInBackoffMs?: number;
  /** After a refused key: first wait before trying it again (doubles), and the longest wait. */
  refusedRetryMs?: { firstMs: number; maxMs: number };
}
