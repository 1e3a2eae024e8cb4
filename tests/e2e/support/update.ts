import path from 'node:path';
import { expect, type Page, type Worker } from '@playwright/test';
import type { Simulator } from '../../../simulator/types';
import { ROOT } from './build';

/** The previous release's local-gateway Chrome build, committed (see its README.md and BUILD-INFO.json). */
export const PREVIOUS_RELEASE_BUILD = path.join(ROOT, 'tests/e2e/fixtures/previous-release/chrome-mv3-local');

/**
 * The previous release's options page, driven with ITS selectors (frozen here on purpose: the
 * current options page may change, the build in the fixture never does). These are v0.1.0's.
 */
export const previousRelease = {
  async connect(options: Page, sim: Simulator): Promise<void> {
    await options.locator('#rg-conn-userName').fill(sim.demo.userName);
    await options.locator('#rg-conn-apiKey').fill(sim.demo.apiKey);
    await options.locator('#rg-conn-gateway').selectOption('custom');
    await options.locator('#rg-conn-restBase').fill(sim.restUrl);
    await options.locator('#rg-conn-userHub').fill(sim.userHubUrl);
    await options.locator('#rg-conn-marketHub').fill(sim.marketHubUrl);
    await options.getByRole('button', { name: 'Save connection' }).click();
    await expect(options.getByTestId('credentials-status')).toContainText(sim.demo.userName);
  },
  /** Daily realized loss in `mode` with `limit`, saved; `expect` is the status line it should answer. */
  async setDailyLoss(options: Page, limit: number, answer: RegExp): Promise<void> {
    await options.reload();
    await options.locator('#rg-cfg-defaultProfile_rules_dailyRealizedLoss_mode').selectOption('enforce');
    await options.locator('#rg-cfg-defaultProfile_rules_dailyRealizedLoss_limit').fill(String(limit));
    await options.getByRole('button', { name: 'Save settings' }).click();
    await expect(options.getByRole('status').filter({ hasText: answer })).toBeVisible();
  },
};

/** What the guard holds, through the local build's dev hook (both releases have it): JSON-safe. */
export interface GuardHolding {
  version: string;
  lockouts: unknown[];
  config: unknown;
  pending: unknown;
  credentials: { configured: boolean; userName: string | null };
  token: string;
  userHub: string;
}

export function guardHolding(worker: Worker): Promise<GuardHolding> {
  return worker.evaluate(async () => {
    type View = {
      lockouts: unknown[];
      config: unknown;
      pending: unknown;
      credentials: { configured: boolean; userName: string | null };
      health: { token: string; user: { status: string } };
    };
    const g = globalThis as unknown as {
      riskGuardDev: { view(): Promise<View> };
      chrome: { runtime: { getManifest(): { version: string } } };
    };
    const v = await g.riskGuardDev.view();
    return JSON.parse(
      JSON.stringify({
        version: g.chrome.runtime.getManifest().version,
        lockouts: v.lockouts,
        config: v.config,
        pending: v.pending,
        credentials: v.credentials,
        token: v.health.token,
        userHub: v.health.user.status,
      }),
    ) as GuardHolding;
  });
}

/** A dump as `dumpIndexedDb` returns it: `database/store` → key → JSON. */
export type IndexedDbDump = Record<string, Record<string, string>>;

/** Every record of every store of every IndexedDB database of the extension: store → key → JSON (bytes as arrays). */
export function dumpIndexedDb(worker: Worker): Promise<IndexedDbDump> {
  return worker.evaluate(async () => {
    const out: Record<string, Record<string, string>> = {};
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const bytes = (_k: string, v: unknown) =>
      v instanceof ArrayBuffer || ArrayBuffer.isView(v)
        ? Array.from(new Uint8Array(v as ArrayBuffer))
        : v instanceof CryptoKey
          ? { cryptoKey: v.type, extractable: v.extractable, usages: v.usages }
          : v;
    for (const info of await indexedDB.databases()) {
      const db = await request(indexedDB.open(info.name as string));
      for (const name of Array.from(db.objectStoreNames)) {
        const store = db.transaction(name).objectStore(name);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        const records: Record<string, string> = {};
        keys.forEach((k, i) => {
          records[String(k)] = JSON.stringify(values[i], bytes);
        });
        out[`${info.name}/${name}`] = records;
      }
      db.close();
    }
    return out;
  });
}

/**
 * The enforcements a dump shows unfinished: the `enforcement:<accountId>` records of the
 * 'intents' store (src/core/enforce/pending-enforcements.ts), written when an enforcement
 * starts and deleted once REST shows the account at its target.
 */
export function unfinishedEnforcements(dump: IndexedDbDump): string[] {
  return Object.keys(dump['risk-guard/intents'] ?? {}).filter((key) => key.startsWith('enforcement:'));
}

/** What the update test reads of a journal entry. */
export interface DumpedJournalEntry {
  kind: string;
  accountId: number | null;
  message: string;
}

/** The journal entries of a dump (seq → entry), parsed. */
export function journalEntries(dump: IndexedDbDump): DumpedJournalEntry[] {
  return Object.values(dump['risk-guard/journal'] ?? {}).map((json) => JSON.parse(json) as DumpedJournalEntry);
}

/**
 * Opens two sealed `api-credentials` records (as dumped: bytes as arrays) with the vault's own
 * key inside the worker and compares them; only the comparison leaves the worker.
 */
export function openSealedCredentials(
  worker: Worker,
  before: string,
  after: string,
): Promise<{ sameKey: boolean; userName: string; boundBefore: boolean; boundAfter: boolean }> {
  return worker.evaluate(
    async ([a, b]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('risk-guard');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const key = await new Promise<CryptoKey>((resolve, reject) => {
        const r = db.transaction('secrets').objectStore('secrets').get('vault-key');
        r.onsuccess = () => resolve(r.result as CryptoKey);
        r.onerror = () => reject(r.error);
      });
      db.close();
      const open = async (json: string) => {
        const sealed = JSON.parse(json) as { iv: number[]; data: number[] };
        const plain = await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: new Uint8Array(sealed.iv),
            additionalData: new TextEncoder().encode('api-credentials'),
          },
          key,
          new Uint8Array(sealed.data),
        );
        return JSON.parse(new TextDecoder().decode(plain)) as { userName: string; apiKey: string; boundTo?: string };
      };
      const [x, y] = [await open(a), await open(b)];
      return {
        sameKey: x.apiKey === y.apiKey && x.userName === y.userName,
        userName: y.userName,
        boundBefore: 'boundTo' in x,
        boundAfter: typeof y.boundTo === 'string',
      };
    },
    [before, after] as const,
  );
}
