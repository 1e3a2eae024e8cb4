import { describe, expect, it } from 'vitest';
import { SNAPSHOT_CACHE_KEY, startEarlyRequests } from '../../../src/messaging/early-requests';

describe('early requests (the popup asks before its view is loaded)', () => {
  it('sends getSnapshot and reads the cached snapshot at once, and keeps what arrived for the first render', async () => {
    const sent: unknown[] = [];
    const early = startEarlyRequests(
      {
        sendMessage: async (m) => {
          sent.push(m);
          return { ok: true, data: 'raw answer' };
        },
      },
      { get: async (key) => ({ [key]: 'raw cached' }) },
    );
    expect(sent).toEqual([{ type: 'getSnapshot' }]);
    expect(early.arrived).toEqual({});
    expect(await early.snapshot).toEqual({ ok: true, data: 'raw answer' });
    expect(await early.cached).toBe('raw cached');
    expect(early.arrived).toEqual({ snapshot: { ok: true, data: 'raw answer' }, cached: 'raw cached' });
  });

  it('reads nothing cached when the session area fails or is missing, and never rejects for it', async () => {
    const failing = startEarlyRequests(
      { sendMessage: () => new Promise(() => {}) },
      {
        get: async () => {
          throw new Error('no session storage');
        },
      },
    );
    expect(await failing.cached).toBeUndefined();
    const missing = startEarlyRequests({ sendMessage: () => new Promise(() => {}) }, undefined);
    expect(await missing.cached).toBeUndefined();
    expect(SNAPSHOT_CACHE_KEY).toBe('riskGuard.lastSnapshot');
  });
});
