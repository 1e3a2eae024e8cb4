import { vi } from 'vitest';
import { createMessageRouter, type RouterHandlers } from '../../../src/messaging/router';
import type { MessageSenderLike, PortLike } from '../../../src/messaging/runtime-types';
import { snapshot } from './snapshot-fixtures';

/** Shared setup for the message router suites: senders of each kind, recording handlers, a fake port. */

export const EXT_ID = 'abcdefghijklmnop';
export const ORIGIN = `chrome-extension://${EXT_ID}`;
export const SECRET_KEY = 'sk-LIVE-super-secret-key';
export const SECRET_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token';

export const popup: MessageSenderLike = { id: EXT_ID, url: `${ORIGIN}/popup.html` };
export const optionsInTab: MessageSenderLike = { id: EXT_ID, url: `${ORIGIN}/options.html`, tab: { id: 3 } };
export const contentScript: MessageSenderLike = {
  id: EXT_ID,
  url: 'https://topstepx.com/trade',
  tab: { id: 7 },
  frameId: 0,
};
export const webPage: MessageSenderLike = { url: 'https://evil.example/', origin: 'https://evil.example' };
export const otherExtension: MessageSenderLike = { id: 'zzzzzzzz', url: 'chrome-extension://zzzzzzzz/bg.js' };

export function makeHandlers(): RouterHandlers & { calls: string[] } {
  const calls: string[] = [];
  const rec =
    <T>(name: string, value: T) =>
    () => {
      calls.push(name);
      return value;
    };
  const configResult = { ok: true, problems: [], pending: null };
  return {
    calls,
    getSnapshot: rec('getSnapshot', snapshot()),
    flattenAccount: rec('flattenAccount', { accepted: true, message: 'flattening' }),
    flattenAll: rec('flattenAll', { accepted: true, message: 'flattening all' }),
    previewLockMeOut: rec('previewLockMeOut', { ok: true, message: 'A1: locked', accountNames: ['A1'], endsAt: 1 }),
    lockMeOut: rec('lockMeOut', { accepted: true, message: 'locked' }),
    getConfig: rec('getConfig', { config: {}, pending: null }),
    saveConfig: rec('saveConfig', configResult),
    importConfig: rec('importConfig', configResult),
    exportConfig: rec('exportConfig', { json: '{}' }),
    saveCredentials: rec('saveCredentials', { configured: true as const, userName: 'trader1' }),
    getCredentialsStatus: rec('getCredentialsStatus', {
      configured: true,
      userName: 'trader1',
      gateway: { kind: 'topstepx' as const },
    }),
    testConnection: rec('testConnection', { ok: true, message: 'ok', accountCount: 2 }),
    listAccounts: rec('listAccounts', { accounts: [] }),
    listContracts: rec('listContracts', { contracts: [] }),
    getJournal: rec('getJournal', { entries: [] }),
    exportJournal: rec('exportJournal', { filename: 'j.csv', mime: 'text/csv', content: '' }),
    reportPageStatus: rec('reportPageStatus', { ok: true as const }),
    startReplay: rec('startReplay', { ok: true, jobId: 'job-1', problems: [] }),
    replayStatus: rec('replayStatus', {
      jobId: 'job-1',
      state: 'running' as const,
      phase: 'trades' as const,
      done: 0,
      total: 4,
      message: 'Reading your trades…',
      failures: [],
      result: null,
    }),
    cancelReplay: rec('cancelReplay', { cancelled: true }),
    subscribe: vi.fn(() => () => {}),
  };
}

export const router = (h = makeHandlers()) => ({
  h,
  r: createMessageRouter(h, { extensionId: EXT_ID, extensionOrigin: ORIGIN }),
});

export function fakePort(name: string, sender: MessageSenderLike) {
  const disconnectListeners: ((p: PortLike) => void)[] = [];
  const port = {
    name,
    sender,
    posted: [] as unknown[],
    disconnected: false,
    postMessage(m: unknown) {
      port.posted.push(m);
    },
    disconnect() {
      port.disconnected = true;
    },
    onDisconnect: {
      addListener: (l: (p: PortLike) => void) => disconnectListeners.push(l),
      removeListener: () => {},
    },
    onMessage: { addListener: () => {}, removeListener: () => {} },
    fireDisconnect() {
      for (const l of disconnectListeners) l(port);
    },
  };
  return port;
}
