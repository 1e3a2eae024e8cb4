/**
 * Secrets at rest (API key, session token), encrypted with AES-GCM-256 under a
 * NON-EXTRACTABLE CryptoKey that is generated once and kept in store `secrets`.
 *
 * The CryptoKey object itself is stored: IndexedDB's structured clone keeps CryptoKey
 * objects (with `extractable: false` the raw bytes can never be read back by script), and
 * Node's structuredClone (memory store, fake-indexeddb in tests) clones CryptoKey too —
 * the vault tests check that a key which went through the store still decrypts.
 *
 * Each record: a fresh random 12-byte IV, the secret's name as additional authenticated data
 * (a ciphertext moved to another name fails), version 1. Any failure to decrypt (tampered
 * data, a lost or replaced key) fails closed: GatewayError('auth', '… re-enter your API key')
 * with endpoint `vault` and no cause, never garbage and never the secret.
 */

import { GatewayError } from '../resilience/errors';
import type { DurableStore } from '../storage/durable-store';

export const VAULT_ENDPOINT = 'vault';
const KEY_ID = 'vault-key';
const RECORD_PREFIX = 'secret:';

export interface SecretVault {
  put(name: string, secret: string): Promise<void>;
  /** `undefined` when nothing is stored; throws the `re-enter` error when it cannot be read. */
  get(name: string): Promise<string | undefined>;
  delete(name: string): Promise<void>;
  /** Remove every secret and the key (sign-out / "forget my key"). */
  clear(): Promise<void>;
}

interface SealedRecord {
  v: 1;
  iv: Uint8Array;
  data: ArrayBuffer;
}

export function isVaultFailure(error: unknown): boolean {
  return error instanceof GatewayError && error.kind === 'auth' && error.endpoint === VAULT_ENDPOINT;
}

function reenter(what: string): GatewayError {
  return new GatewayError('auth', `stored ${what} cannot be decrypted: re-enter your API key`, {
    endpoint: VAULT_ENDPOINT,
  });
}

export function createSecretVault(input: {
  store: DurableStore;
  subtle: SubtleCrypto;
  /** Source of IV bytes; defaults to WebCrypto's getRandomValues (present in workers and Node). */
  randomBytes?: (length: number) => Uint8Array;
}): SecretVault {
  const { store, subtle } = input;
  const randomBytes =
    input.randomBytes ?? ((length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length)));
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let keyPromise: Promise<CryptoKey> | undefined;

  const loadKey = async (create: boolean): Promise<CryptoKey | undefined> => {
    const stored = await store.get<CryptoKey>('secrets', KEY_ID);
    if (stored) return stored;
    if (!create) return undefined;
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await store.put('secrets', KEY_ID, key, { durability: 'strict' });
    return key;
  };
  // One key for the vault's lifetime; concurrent first uses share one generation.
  const key = (): Promise<CryptoKey> => {
    keyPromise ??= loadKey(true).then((k) => {
      if (!k) throw new Error('unreachable: key created');
      return k;
    });
    keyPromise.catch(() => {
      keyPromise = undefined;
    });
    return keyPromise;
  };

  return {
    async put(name, secret) {
      const iv = randomBytes(12);
      const data = await subtle.encrypt(
        { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(name) },
        await key(),
        encoder.encode(secret),
      );
      const record: SealedRecord = { v: 1, iv, data };
      await store.put('secrets', RECORD_PREFIX + name, record, { durability: 'strict' });
    },

    async get(name) {
      const record = await store.get<SealedRecord>('secrets', RECORD_PREFIX + name);
      if (record === undefined) return undefined;
      try {
        const cryptoKey = keyPromise ? await keyPromise : await loadKey(false);
        if (!cryptoKey || record.v !== 1) throw reenter(name);
        const plain = await subtle.decrypt(
          { name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(name) },
          cryptoKey,
          record.data,
        );
        return decoder.decode(plain);
      } catch {
        // The cause (an OperationError) is dropped on purpose: nothing about the data leaks.
        throw reenter(name);
      }
    },

    async delete(name) {
      await store.delete('secrets', RECORD_PREFIX + name, { durability: 'strict' });
    },

    async clear() {
      keyPromise = undefined;
      await store.clear('secrets');
    },
  };
}
