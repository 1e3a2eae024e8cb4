import { browser } from 'wxt/browser';
import { SNAPSHOT_CACHE_KEY } from '../../src/messaging/snapshot-cache-key';

/**
 * The popup's two questions, asked the moment its bundle starts to evaluate: main.tsx imports
 * this module first, so the worker answers (and storage.session reads) while zod, the snapshot
 * schema and the UI evaluate. Nothing here is trusted: main.tsx hands both answers to the
 * client's validation and to the cache reader, and nothing renders before they pass.
 */
function ask<T>(question: () => Promise<T>): Promise<T> {
  try {
    return question();
  } catch (error) {
    // The extension was reloaded under the popup: the answers reject, the popup says so.
    return Promise.reject(error);
  }
}

export const snapshotReply: Promise<unknown> = ask(() => browser.runtime.sendMessage({ type: 'getSnapshot' }));
export const cachedRecord: Promise<Record<string, unknown>> = ask(() =>
  browser.storage.session.get(SNAPSHOT_CACHE_KEY),
);
