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
    { type: 'listContracts' },
    { type: 'getJournal', filters: {} },
    { type: 'exportJournal', format: 'json', filters: {} },
    { type: 'flattenAll', confirm: true },
    { type: 'previewLockMeOut', target: { type: 'all' }, until: { type: 'end-of-day' } },
    { type: 'lockMeOut', target: { type: 'all' }, until: { type: 'end-of-day' }, endsAt: 1, confirm: true },
    // Least privilege: the page's script has no use for a flatten, so a compromised page
    // cannot ask for one of any watched account.
    { type: 'flattenAccount', accountId: 101, confirm: true },
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

  it('may read the snapshot and report what its layer sees, nothing else', async () => {
    const { h, r } = router();
    expect((await r.handleMessage({ type: 'getSnapshot' }, contentScript)).ok).toBe(true);
    const seen: unknown[] = [];
    h.reportPageStatus = (req, ctx) => {
      seen.push(req, ctx);
      return { ok: true as const };
    };
    const report = { type: 'reportPageStatus', loadId: 'load-1', orderEntry: 'missing' };
    expect((await r.handleMessage(report, contentScript)).ok).toBe(true);
    expect(seen).toEqual([report, { sender: 'content-script', tabId: 7 }]);
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
