import type { TokenManager } from '../auth/token-manager';
import { errorMessage } from '../error-message';
import type { GatewayApi } from '../gateway/api';
import type { Account } from '../gateway/schemas';
import type { RealtimeSession } from '../realtime/realtime-session';
import { Lane } from '../resilience/lanes';
import type { GuardState } from '../state/account-state';
import type { DurableStore } from '../storage/durable-store';
import type { Guard } from './guard';

const USER_NAME_KEY = 'user-name';

/**
 * Who the guard signs in as, and what the connect step of the options page asks: the user name
 * (stored plainly; the key only ever encrypted, by the token manager), a new key (sign in,
 * then reconnect both hubs with it), a connection test, the accounts the login has.
 */
export type GuardCredentials = Pick<Guard, 'setCredentials' | 'credentials' | 'testConnection' | 'listAccounts'> & {
  /** Loads the stored user name (at start). */
  load(): Promise<void>;
};

export function createGuardCredentials(deps: {
  store: DurableStore;
  tokens: Pick<TokenManager, 'setCredentials' | 'getToken' | 'state'>;
  session: Pick<RealtimeSession, 'start' | 'stop'>;
  api: Pick<GatewayApi, 'searchAccounts'>;
  state: () => GuardState;
  changed: () => void;
}): GuardCredentials {
  const { store, tokens, session, api } = deps;
  let userName: string | null = null;
  const credentials = () => ({ configured: userName !== null && tokens.state() !== 'none', userName });
  return {
    async load() {
      userName = (await store.get<string>('meta', USER_NAME_KEY)) ?? null;
    },
    async setCredentials(name, apiKey) {
      await tokens.setCredentials(name, apiKey);
      userName = name;
      await store.put('meta', USER_NAME_KEY, name, { durability: 'strict' });
      await tokens.getToken();
      await session.stop();
      session.start();
      deps.changed();
    },
    credentials,
    async testConnection() {
      try {
        const accounts = await api.searchAccounts({ onlyActiveAccounts: true }, { lane: Lane.Routine });
        return { ok: true, message: `Connected: ${accounts.length} active account(s)`, accountCount: accounts.length };
      } catch (error) {
        return { ok: false, message: errorMessage(error), accountCount: null };
      }
    },
    async listAccounts(): Promise<Account[]> {
      // The gateway's list, not the state's: state may predate an account (opened since the
      // last run) or know one only as a placeholder. What state knows is the fallback.
      const known = Object.values(deps.state().accounts).map((a) => a.account);
      try {
        return await api.searchAccounts({ onlyActiveAccounts: true }, { lane: Lane.Routine });
      } catch (error) {
        if (known.length > 0) return known;
        throw error;
      }
    },
  };
}
