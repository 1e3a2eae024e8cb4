import type { SecretVault } from './secret-vault';
import { API_CREDENTIALS, SESSION_TOKEN, SIGN_IN_REFUSAL } from './session-store';

/**
 * Secrets from before they were bound to a gateway. Release 0.1.0 sealed the key and the
 * token without `boundTo`; the session store treats such a record as foreign and deletes it,
 * so an update would ask the trader for the key again (the update test caught it). 0.1.0 saved
 * the gateway and the key together, so an unbound record belongs to the gateway stored with
 * it: the caller passes that gateway's binding only when it is the gateway in force (a stored
 * gateway this build refuses adopts nothing, and its records go as foreign).
 *
 * Each record without a `boundTo` field is sealed again with it, so this runs once per
 * profile in effect; records already bound (to any gateway) are left to the session store.
 * A record the vault cannot open is left as it is (the token manager reports it). Resolves
 * with the names it bound.
 */
export async function adoptUnboundSecrets(vault: SecretVault, boundTo: string): Promise<string[]> {
  const adopted: string[] = [];
  for (const name of [API_CREDENTIALS, SESSION_TOKEN, SIGN_IN_REFUSAL]) {
    let record: unknown;
    try {
      const text = await vault.get(name);
      if (text === undefined) continue;
      record = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record) || 'boundTo' in record) continue;
    await vault.put(name, JSON.stringify({ ...record, boundTo }));
    adopted.push(name);
  }
  return adopted;
}
