/**
 * The signed-in session at rest: API credentials, the current token (with its expiry) and the
 * last refusal of the key (for the sign-in backoff), each a JSON record sealed by the secret
 * vault. Malformed records read as absent; a record the vault cannot decrypt throws the
 * vault's "re-enter your API key" error.
 *
 * Every record is bound to the gateway it was saved for (`boundTo`, the gateway's hosts): a
 * key entered for the simulator must never reach TopstepX, nor the other way round. A record
 * bound elsewhere (or saved before records were bound) is deleted when read and reported as
 * `foreign`, so the token manager asks for the key again instead of sending it.
 */
import type { SecretVault } from './secret-vault';

export const SESSION_TOKEN = 'session-token';
export const API_CREDENTIALS = 'api-credentials';
export const SIGN_IN_REFUSAL = 'sign-in-refusal';

export interface Credentials {
  userName: string;
  apiKey: string;
}

export interface SavedToken {
  token: string;
  expiresAt: number;
}

/** The server refused the key `refusals` times in a row, the last at `at` (sign-in-backoff.ts). */
export interface SavedRefusal {
  refusals: number;
  at: number;
}

/** A record saved for another gateway: deleted, never used. */
export const FOREIGN = 'foreign';
export type Loaded<T> = T | typeof FOREIGN | undefined;

export interface SessionStore {
  loadCredentials(): Promise<Loaded<Credentials>>;
  loadToken(): Promise<Loaded<SavedToken>>;
  saveCredentials(creds: Credentials): Promise<void>;
  saveToken(saved: SavedToken): Promise<void>;
  forgetCredentials(): Promise<void>;
  forgetToken(): Promise<void>;
  loadRefusal(): Promise<SavedRefusal | undefined>;
  saveRefusal(refusal: SavedRefusal): Promise<void>;
  forgetRefusal(): Promise<void>;
}

export function createSessionStore(vault: SecretVault, boundTo: string): SessionStore {
  const save = (name: string, value: object) => vault.put(name, JSON.stringify({ ...value, boundTo }));
  /** The record's fields when it is this gateway's; FOREIGN (after deleting it) when not. */
  const load = async (name: string): Promise<Loaded<Record<string, unknown>>> => {
    const v = parseJson(await vault.get(name));
    if (v === undefined) return undefined;
    if (v.boundTo === boundTo) return v;
    await vault.delete(name);
    return FOREIGN;
  };
  return {
    async loadCredentials() {
      const v = await load(API_CREDENTIALS);
      if (v === FOREIGN) return v;
      return typeof v?.userName === 'string' && typeof v.apiKey === 'string'
        ? { userName: v.userName, apiKey: v.apiKey }
        : undefined;
    },
    async loadToken() {
      const v = await load(SESSION_TOKEN);
      if (v === FOREIGN) return v;
      return typeof v?.token === 'string' && typeof v.expiresAt === 'number' && Number.isFinite(v.expiresAt)
        ? { token: v.token, expiresAt: v.expiresAt }
        : undefined;
    },
    saveCredentials: (creds) => save(API_CREDENTIALS, creds),
    saveToken: (saved) => save(SESSION_TOKEN, saved),
    forgetCredentials: () => vault.delete(API_CREDENTIALS),
    forgetToken: () => vault.delete(SESSION_TOKEN),
    async loadRefusal() {
      const v = await load(SIGN_IN_REFUSAL);
      if (v === FOREIGN) return undefined;
      return isCount(v?.refusals) && typeof v.at === 'number' && Number.isFinite(v.at)
        ? { refusals: v.refusals, at: v.at }
        : undefined;
    },
    saveRefusal: (refusal) => save(SIGN_IN_REFUSAL, refusal),
    forgetRefusal: () => vault.delete(SIGN_IN_REFUSAL),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
