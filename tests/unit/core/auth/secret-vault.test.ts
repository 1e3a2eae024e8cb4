import { describe, expect, it } from 'vitest';
import { createSecretVault, isVaultFailure } from '../../../../src/core/auth/secret-vault';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { expectNoSecrets } from '../resilience/helpers';

const API_KEY = 'pX-api-key-9f8e7d6c5b4a';
const subtle = globalThis.crypto.subtle;

type SealedRecord = { v: number; iv: Uint8Array; data: ArrayBuffer };

function vaultOn(store = createMemoryStore()) {
  return { store, vault: createSecretVault({ store, subtle }) };
}

async function sealed(store: ReturnType<typeof createMemoryStore>, name: string): Promise<SealedRecord> {
  const record = await store.get<SealedRecord>('secrets', `secret:${name}`);
  if (!record) throw new Error(`no record ${name}`);
  return record;
}

async function failure(p: Promise<unknown>): Promise<GatewayError> {
  try {
    await p;
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected the vault to fail');
}

describe('secret vault', () => {
  it('encrypts and decrypts a secret', async () => {
    const { vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    expect(await vault.get('api-key')).toBe(API_KEY);
  });

  it('never stores the plaintext: the record holds AES-GCM ciphertext with a 12-byte IV', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    const record = await sealed(store, 'api-key');
    expect(record.v).toBe(1);
    expect(record.iv).toBeInstanceOf(Uint8Array);
    expect(record.iv.byteLength).toBe(12);
    const bytes = Buffer.from(record.data).toString('latin1');
    expect(bytes).not.toContain(API_KEY);
    expect(record.data.byteLength).toBe(API_KEY.length + 16); // GCM tag
  });

  it('uses a fresh random IV for every encryption', async () => {
    const { store, vault } = vaultOn();
    await vault.put('token', 'same');
    const a = await sealed(store, 'token');
    await vault.put('token', 'same');
    const b = await sealed(store, 'token');
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
  });

  it('generates one non-extractable AES-GCM-256 key and keeps it in store "secrets"', async () => {
    const { store, vault } = vaultOn();
    await Promise.all([vault.put('a', '1'), vault.put('b', '2')]);
    const key = await store.get<CryptoKey>('secrets', 'vault-key');
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key?.extractable).toBe(false);
    expect(key?.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(await vault.get('a')).toBe('1');
    expect(await vault.get('b')).toBe('2');
    await expect(subtle.exportKey('raw', key as CryptoKey)).rejects.toThrow();
  });

  it('decrypts in a restarted worker: the CryptoKey survives the structured clone of the store', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    const restarted = createSecretVault({ store, subtle });
    expect(await restarted.get('api-key')).toBe(API_KEY);
  });

  it('keeps a CryptoKey usable through IndexedDB (fake-indexeddb structured clone)', async () => {
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('vault-clone-test', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('secrets');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('secrets', 'readwrite');
      tx.objectStore('secrets').put(key, 'k');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const back = await new Promise<CryptoKey>((resolve, reject) => {
      const req = db.transaction('secrets').objectStore('secrets').get('k');
      req.onsuccess = () => resolve(req.result as CryptoKey);
      req.onerror = () => reject(req.error);
    });
    db.close();
    const iv = new Uint8Array(12);
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(API_KEY));
    const plain = await subtle.decrypt({ name: 'AES-GCM', iv }, back, ct);
    expect(new TextDecoder().decode(plain)).toBe(API_KEY);
    expect(back.extractable).toBe(false);
  });

  it('answers undefined for a secret that was never stored', async () => {
    const { vault } = vaultOn();
    expect(await vault.get('token')).toBeUndefined();
  });

  it('fails closed on tampered ciphertext: "re-enter your API key", never garbage', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    const record = await sealed(store, 'api-key');
    const bytes = new Uint8Array(record.data);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await store.put('secrets', 'secret:api-key', { ...record, data: bytes.buffer });
    const error = await failure(vault.get('api-key'));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('re-enter your API key');
    expect(isVaultFailure(error)).toBe(true);
  });

  it('fails closed when the key was replaced (wrong key)', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    const other = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await store.put('secrets', 'vault-key', other);
    const restarted = createSecretVault({ store, subtle });
    expect(isVaultFailure(await failure(restarted.get('api-key')))).toBe(true);
  });

  it('fails closed when the key is gone but the ciphertext is still there', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    await store.delete('secrets', 'vault-key');
    const restarted = createSecretVault({ store, subtle });
    expect(isVaultFailure(await failure(restarted.get('api-key')))).toBe(true);
  });

  it('binds each ciphertext to its name: a record moved to another name does not decrypt', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    await store.put('secrets', 'secret:token', await sealed(store, 'api-key'));
    expect(isVaultFailure(await failure(vault.get('token')))).toBe(true);
  });

  it('carries no secret and no crypto cause in its errors', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    const record = await sealed(store, 'api-key');
    await store.put('secrets', 'secret:api-key', { ...record, iv: new Uint8Array(12) });
    const error = await failure(vault.get('api-key'));
    expect(error.cause).toBeUndefined();
    expectNoSecrets([error], [API_KEY]);
  });

  it('deletes one secret, and clear() forgets every secret and the key', async () => {
    const { store, vault } = vaultOn();
    await vault.put('api-key', API_KEY);
    await vault.put('token', 'tok');
    await vault.delete('token');
    expect(await vault.get('token')).toBeUndefined();
    await vault.clear();
    expect(await vault.get('api-key')).toBeUndefined();
    expect(await store.get('secrets', 'vault-key')).toBeUndefined();
    await vault.put('api-key', 'new');
    expect(await vault.get('api-key')).toBe('new');
  });
});
