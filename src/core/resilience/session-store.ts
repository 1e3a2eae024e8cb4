/**
 * The signed-in session at rest: API credentials, the current token (with its expiry) and the
 * last refusal of the key (for the sign-in backoff), each a JSON record sealed by the secret vault. Malformed records read as absent; a record
 * the vault cannot decrypt throws the vault's "re-enter your API key" error.
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

export interface SessionStore {
  loadCredentials(): Promise<Credentials | undefined>;
  loadToken(): Promise<SavedToken | undefined>;
  saveCredentials(creds: Credentials): Promise<void>;
  saveToken(saved: SavedToken): Promise<void>;
  forgetCredentials(): Promise<void>;
  forgetToken(): Promise<void>;
  loadRefusal(): Promise<SavedRefusal | undefined>;
  saveRefusal(refusal: SavedRefusal): Promise<void>;
  forgetRefusal(): Promise<void>;
}

export function createSessionStore(vault: SecretVault): SessionStore {
  return {
    async loadCredentials() {
      const v = parseJson(await vault.get(API_CREDENTIALS));
      return typeof v?.userName === 'string' && typeof v.apiKey === 'string'
        ? { userName: v.userName, apiKey: v.apiKey }
        : undefined;
    },
    async loadToken() {
      const v = parseJson(await vault.get(SESSION_TOKEN));
      return typeof v?.token === 'string' && typeof v.expiresAt === 'number' && Number.isFinite(v.expiresAt)
        ? { token: v.token, expiresAt: v.expiresAt }
        : undefined;
    },
    saveCredentials: (creds) => vault.put(API_CREDENTIALS, JSON.stringify(creds)),
    saveToken: (saved) => vault.put(SESSION_TOKEN, JSON.stringify(saved)),
    forgetCredentials: () => vault.delete(API_CREDENTIALS),
    forgetToken: () => vault.delete(SESSION_TOKEN),
    async loadRefusal() {
      const v = parseJson(await vault.get(SIGN_IN_REFUSAL));
      return isCount(v?.refusals) && typeof v.at === 'number' && Number.isFinite(v.at)
        ? { refusals: v.refusals, at: v.at }
        : undefined;
    },
    saveRefusal: (refusal) => vault.put(SIGN_IN_REFUSAL, JSON.stringify(refusal)),
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
