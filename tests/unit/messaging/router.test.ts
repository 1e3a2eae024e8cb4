import { describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_PORT } from '../../../src/messaging/protocol';
import { createMessageRouter, type RouterHandlers } from '../../../src/messaging/router';
import type { MessageSenderLike, PortLike } from '../../../src/messaging/runtime-types';
import type { GuardSnapshot } from '../../../src/messaging/snapshot';
import { snapshot } from './snapshot-fixtures';

const EXT_ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;
const SECRET_KEY = 'sk-LIVE-super-secret-key';
const SECRET_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token';

const popup: MessageSenderLike = { id: EXT_ID, url: `${ORIGIN}/popup.html` };
const optionsInTab: MessageSenderLike = { id: EXT_ID, url: `${ORIGIN}/options.html`, tab: { id: 3 } };
const contentScript: MessageSenderLike = { id: EXT_ID, url: 'https://topstepx.com/trade', tab: { id: 7 }, frameId: 0 };
const webPage: MessageSenderLike = { url: 'https://evil.example/', origin: 'https://evil.example' };
const otherExtension: MessageSenderLike = { id: 'zzzzzzzz', url: 'chrome-extension://zzzzzzzz/bg.js' };

function makeHandlers(): RouterHandlers & { calls: string[] } {
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
    getJournal: rec('getJournal', { entries: [] }),
    exportJournal: rec('exportJournal', { filename: 'j.csv', mime: 'text/csv', content: '' }),
    subscribe: vi.fn(() => () => {}),
  };
}

const router = (h = makeHandlers()) => ({
  h,
  r: createMessageRouter(h, { extensionId: EXT_ID, extensionOrigin: ORIGIN }),
});

describe('message router: validation', () => {
  it('answers getSnapshot from an extension page with the validated snapshot', async () => {
    const { r } = router();
    const out = await r.handleMessage({ type: 'getSnapshot' }, popup);
    expect(out).toMatchObject({ ok: true, data: { failClosed: true } });
  });

  it('rejects an unknown message type without calling any handler', async () => {
    const { h, r } = router();
    const out = await r.handleMessage({ type: 'unlock', accountId: 101 }, popup);
    expect(out).toEqual({ ok: false, error: { code: 'unknown-type', message: expect.any(String) } });
    expect(h.calls).toEqual([]);
  });

  it('rejects a message that is not an object', async () => {
    const { r } = router();
    expect(await r.handleMessage('getSnapshot', popup)).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    expect(await r.handleMessage(null, popup)).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });

  it('rejects flattenAccount without confirm: true, naming the field', async () => {
    const { h, r } = router();
    const out = await r.handleMessage({ type: 'flattenAccount', accountId: 101 }, popup);
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    if (!out.ok) expect(out.error.message).toContain('confirm');
    expect(h.calls).toEqual([]);
  });

  it('rejects a custom gateway with a non-http URL', async () => {
    const { h, r } = router();
    const out = await r.handleMessage(
      {
        type: 'saveCredentials',
        userName: 'u',
        apiKey: 'k',
        gateway: { kind: 'custom', restBase: 'javascript:alert(1)', userHub: 'x', marketHub: 'y' },
      },
      popup,
    );
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(h.calls).toEqual([]);
  });

  it('reports a handler failure without echoing the error message (which may hold request details)', async () => {
    const h = makeHandlers();
    h.testConnection = () => {
      throw new Error(`401 for key ${SECRET_KEY}`);
    };
    const { r } = router(h);
    const out = await r.handleMessage({ type: 'testConnection' }, popup);
    expect(out).toMatchObject({ ok: false, error: { code: 'handler-failed' } });
    expect(JSON.stringify(out)).not.toContain(SECRET_KEY);
  });

  it('accepts every request from the options page even when it is open in a tab', async () => {
    const { r } = router();
    const out = await r.handleMessage({ type: 'saveConfig', config: { a: 1 } }, optionsInTab);
    expect(out.ok).toBe(true);
  });
});

describe('message router: the content script is untrusted', () => {
  const forbidden: Record<string, unknown>[] = [
    { type: 'saveConfig', config: { rules: {} } },
    { type: 'importConfig', json: '{}' },
    { type: 'exportConfig' },
    { type: 'getConfig' },
    { type: 'saveCredentials', userName: 'u', apiKey: 'k', gateway: { kind: 'topstepx' } },
    { type: 'getCredentialsStatus' },
    { type: 'testConnection' },
    { type: 'listAccounts' },
    { type: 'getJournal', filters: {} },
    { type: 'exportJournal', format: 'json', filters: {} },
    { type: 'flattenAll', confirm: true },
  ];
  for (const message of forbidden) {
    it(`refuses ${String(message.type)} from the page and calls no handler`, async () => {
      const { h, r } = router();
      const out = await r.handleMessage(message, contentScript);
      expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(h.calls).toEqual([]);
    });
  }

  it('cannot unlock an account: there is no such message', async () => {
    const { h, r } = router();
    for (const type of ['unlock', 'clearLockout', 'disableRule', 'getCredentials', 'getToken']) {
      const out = await r.handleMessage({ type, accountId: 101 }, contentScript);
      expect(out.ok).toBe(false);
    }
    expect(h.calls).toEqual([]);
  });

  it('cannot pass as an extension page by claiming a URL inside the message', async () => {
    const { h, r } = router();
    const out = await r.handleMessage(
      { type: 'saveConfig', config: {}, url: `${ORIGIN}/options.html`, sender: popup },
      contentScript,
    );
    expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.calls).toEqual([]);
  });

  it('may read the snapshot and ask to flatten one account (a risk-reducing action)', async () => {
    const { h, r } = router();
    expect((await r.handleMessage({ type: 'getSnapshot' }, contentScript)).ok).toBe(true);
    const seen: unknown[] = [];
    h.flattenAccount = (req, ctx) => {
      seen.push(req, ctx);
      return { accepted: true, message: 'ok' };
    };
    const out = await r.handleMessage({ type: 'flattenAccount', accountId: 101, confirm: true }, contentScript);
    expect(out.ok).toBe(true);
    expect(seen).toEqual([
      { type: 'flattenAccount', accountId: 101, confirm: true },
      { sender: 'content-script', tabId: 7 },
    ]);
  });

  it('refuses messages from web pages and other extensions, whatever they ask', async () => {
    const { h, r } = router();
    for (const sender of [webPage, otherExtension, undefined, { id: EXT_ID } as MessageSenderLike]) {
      const out = await r.handleMessage({ type: 'getSnapshot' }, sender);
      expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(h.calls).toEqual([]);
  });

  it('refuses a sender on our URL whose reported origin disagrees', async () => {
    const { r } = router();
    const out = await r.handleMessage({ type: 'getSnapshot' }, { ...popup, origin: 'https://topstepx.com' });
    expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('message router: secrets never leave the worker', () => {
  it('strips a token or key a handler adds to the snapshot by mistake', async () => {
    const h = makeHandlers();
    const leaky = { ...snapshot(), token: SECRET_TOKEN, apiKey: SECRET_KEY } as GuardSnapshot;
    leaky.accounts = [{ ...leaky.accounts[0], sessionToken: SECRET_TOKEN } as GuardSnapshot['accounts'][number]];
    h.getSnapshot = () => leaky;
    const { r } = router(h);
    const out = await r.handleMessage({ type: 'getSnapshot' }, contentScript);
    expect(out.ok).toBe(true);
    const text = JSON.stringify(out);
    expect(text).not.toContain(SECRET_TOKEN);
    expect(text).not.toContain(SECRET_KEY);
  });

  it('answers saveCredentials with configured and the user name only, never the key', async () => {
    const h = makeHandlers();
    h.saveCredentials = (req) =>
      ({ configured: true, userName: req.userName, apiKey: req.apiKey }) as { configured: true; userName: string };
    const { r } = router(h);
    const out = await r.handleMessage(
      { type: 'saveCredentials', userName: 'trader1', apiKey: SECRET_KEY, gateway: { kind: 'topstepx' } },
      popup,
    );
    expect(out).toEqual({ ok: true, data: { configured: true, userName: 'trader1' } });
  });

  it('does not echo the API key in a validation error', async () => {
    const { r } = router();
    const out = await r.handleMessage(
      { type: 'saveCredentials', userName: '', apiKey: SECRET_KEY, gateway: { kind: 'nope' } },
      popup,
    );
    expect(out.ok).toBe(false);
    expect(JSON.stringify(out)).not.toContain(SECRET_KEY);
  });

  it('strips secrets from snapshots pushed on the port', () => {
    const h = makeHandlers();
    const pushes: ((s: GuardSnapshot) => void)[] = [];
    h.subscribe = (p) => {
      pushes.push(p);
      return () => {};
    };
    const { r } = router(h);
    const port = fakePort(SNAPSHOT_PORT, contentScript);
    r.handleConnect(port);
    expect(pushes).toHaveLength(1);
    for (const push of pushes) push({ ...snapshot(), token: SECRET_TOKEN } as GuardSnapshot);
    expect(port.posted).toHaveLength(1);
    expect(JSON.stringify(port.posted)).not.toContain(SECRET_TOKEN);
  });
});

describe('message router: snapshot port', () => {
  it('subscribes a view on the snapshot port and unsubscribes when it disconnects', () => {
    const h = makeHandlers();
    const unsubscribe = vi.fn();
    h.subscribe = vi.fn(() => unsubscribe);
    const { r } = router(h);
    const port = fakePort(SNAPSHOT_PORT, popup);
    r.handleConnect(port);
    expect(h.subscribe).toHaveBeenCalledTimes(1);
    port.fireDisconnect();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('closes ports with another name or from outside the extension', () => {
    const h = makeHandlers();
    const { r } = router(h);
    const wrongName = fakePort('admin', popup);
    r.handleConnect(wrongName);
    const outsider = fakePort(SNAPSHOT_PORT, webPage);
    r.handleConnect(outsider);
    expect(wrongName.disconnected).toBe(true);
    expect(outsider.disconnected).toBe(true);
    expect(h.subscribe).not.toHaveBeenCalled();
  });

  it('listen() answers through sendResponse and keeps the channel open', async () => {
    const { r } = router();
    const listeners: { onMessage: unknown[]; onConnect: unknown[] } = { onMessage: [], onConnect: [] };
    const ev = (arr: unknown[]) => ({
      addListener: (l: unknown) => arr.push(l),
      removeListener: (l: unknown) => arr.splice(arr.indexOf(l), 1),
    });
    const stop = r.listen({ onMessage: ev(listeners.onMessage), onConnect: ev(listeners.onConnect) } as never);
    const listener = listeners.onMessage[0] as (m: unknown, s: MessageSenderLike, cb: (x: unknown) => void) => boolean;
    const answer = new Promise((resolve) => expect(listener({ type: 'getSnapshot' }, popup, resolve)).toBe(true));
    expect(await answer).toMatchObject({ ok: true });
    stop();
    expect(listeners.onMessage).toHaveLength(0);
    expect(listeners.onConnect).toHaveLength(0);
  });
});

function fakePort(name: string, sender: MessageSenderLike) {
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
