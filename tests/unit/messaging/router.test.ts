import { describe, expect, it } from 'vitest';
import { ViewSafeError } from '../../../src/messaging/view-safe-error';
import { makeHandlers, optionsInTab, popup, router, SECRET_KEY } from './router-fixture';

/** Message validation and dispatch. Other suites: sender trust, secrets, the snapshot port. */

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

  it('validates a replay request like every other: a range it cannot replay, no account, a bad date', async () => {
    const { h, r } = router();
    const base = { type: 'startReplay', accountIds: [1], monitorAs: 'enforce', bars: true };
    for (const bad of [
      { ...base, range: { kind: 'last', tradingDays: 500 } },
      { ...base, accountIds: [], range: { kind: 'last', tradingDays: 5 } },
      { ...base, range: { kind: 'dates', from: '2026-13-01x', to: '2026-11-01' } },
      { ...base, range: { kind: 'last', tradingDays: 5 }, monitorAs: 'sometimes' },
    ]) {
      const out = await r.handleMessage(bad, popup);
      expect(out).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    }
    expect(h.calls).toEqual([]);
    const ok = await r.handleMessage({ ...base, range: { kind: 'last', tradingDays: 20 } }, popup);
    expect(ok).toMatchObject({ ok: true, data: { jobId: 'job-1' } });
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

  it('passes the message of an error written for the view (start-up failing) as it is', async () => {
    const h = makeHandlers();
    h.getSnapshot = () => {
      throw new ViewSafeError('The guard could not start (attempt 2: UnknownError: disk). Trying again in 2 s.');
    };
    const { r } = router(h);
    expect(await r.handleMessage({ type: 'getSnapshot' }, popup)).toEqual({
      ok: false,
      error: {
        code: 'handler-failed',
        message: 'The guard could not start (attempt 2: UnknownError: disk). Trying again in 2 s.',
      },
    });
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
