/**
 * The signed-in session at rest: API credentials and the current token (with its expiry),
 * each a JSON record sealed by the secret vault. Malformed records read as absent; a record
 * the vault cannot decrypt throws the vault's "re-enter your API key" error.
 */
import type { SecretVault } from './secret-vault';

export const SESSION_TOKEN = 'session-token';
export const API_CREDENTIALS = 'api-credentials';

export interface Credentials {
  userName: string;
  apiKey: string;
}

export interface SavedToken {
  token: string;
  expiresAt: number;
}

export interface SessionStore {
  loadCredentials(): Promise<Credentials | undefined>;
  loadToken(): Promise<SavedToken | undefined>;
  saveCredentials(creds: Credentials): Promise<void>;
  saveToken(saved: SavedToken): Promise<void>;
  forgetCredentials(): Promise<void>;
  forgetToken(): Promise<void>;
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
  };
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
