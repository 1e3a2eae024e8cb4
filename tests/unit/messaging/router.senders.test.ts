import { describe, expect, it } from 'vitest';
import type { MessageSenderLike } from '../../../src/messaging/runtime-types';
import { contentScript, EXT_ID, ORIGIN, otherExtension, popup, router, webPage } from './router-fixture';

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
    { type: 'startReplay', accountIds: [1], range: { kind: 'last', tradingDays: 5 }, monitorAs: 'enforce', bars: true },
    { type: 'replayStatus', jobId: 'job-1' },
    { type: 'cancelReplay', jobId: 'job-1' },
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
