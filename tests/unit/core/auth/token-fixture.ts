import { expect, vi } from 'vitest';
import { createSecretVault } from '../../../../src/core/auth/secret-vault';
import {
  type AuthTransport,
  createTokenManager,
  type TokenManagerOptions,
  type TokenState,
} from '../../../../src/core/auth/token-manager';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { fakeClock, fakeTimers } from '../resilience/helpers';

/** Token manager on fake timers with a scripted auth transport and a real vault. */
export const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);
export const HOUR = 3_600_000;
export const USER = 'trader@example.com';
export const API_KEY = 'pX-live-api-key-0123456789abcdef';
/** The gateway the fixture's secrets are bound to. */
export const GATEWAY = 'https://api.topstepx.com|https://rtc.topstepx.com|https://rtc.topstepx.com';

export function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
/** A JWT-shaped token expiring at `expMs` (epoch ms); `id` keeps tokens distinct. */
export function jwt(expMs: number, id: string): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: USER, exp: Math.floor(expMs / 1000), jti: id })}.sig-${id}`;
}

/** Auth fake: each login/validate returns a new 24 h token unless told to fail. */
export function fakeAuth() {
  let n = 0;
  const issue = () => jwt(Date.now() + 24 * HOUR, `t${++n}`);
  const failures: { login: unknown[]; validate: unknown[] } = { login: [], validate: [] };
  const auth = {
    login: vi.fn(async (userName: string, apiKey: string) => {
      expect(userName).toBe(USER);
      expect(apiKey).toBe(API_KEY);
      const f = failures.login.shift();
      if (f) throw f;
      return issue();
    }),
    validate: vi.fn(async (_token: string) => {
      const f = failures.validate.shift();
      if (f) throw f;
      return issue();
    }),
  } satisfies AuthTransport;
  return { auth, failures };
}

export function setup(extra: Partial<TokenManagerOptions> = {}, store = createMemoryStore()) {
  const { auth, failures } = fakeAuth();
  const vault = createSecretVault({ store, subtle: globalThis.crypto.subtle });
  const manager = createTokenManager({ clock: fakeClock, timers: fakeTimers, auth, vault, boundTo: GATEWAY, ...extra });
  const states: TokenState[] = [];
  manager.subscribe((s) => states.push(s));
  return { manager, auth, failures, store, vault, states };
}

/** Every error a test file's `caught` saw, for the closing no-secrets check. */
export function errorLog() {
  const errors: unknown[] = [];
  const caught = async (p: Promise<unknown>): Promise<GatewayError> => {
    try {
      await p;
    } catch (error) {
      errors.push(error);
      return error as GatewayError;
    }
    throw new Error('expected a failure');
  };
  return { errors, caught };
}
export const transientError = () => new GatewayError('transient', 'HTTP 503', { endpoint: '/api/Auth/validate' });
