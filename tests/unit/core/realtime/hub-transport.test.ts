import { describe, expect, it } from 'vitest';
import { assertHttpUrl, createSignalRHubFactory } from '../../../../src/core/realtime/hub-transport';
import {
  classifyFailure,
  DEFAULT_RECONNECT_POLICY,
  maxRetryPeriod,
  reconnectDelay,
} from '../../../../src/core/realtime/reconnect-policy';

describe('createSignalRHubFactory', () => {
  it('refuses ws:// URLs: the client only accepts http(s) and converts them itself', () => {
    expect(() => assertHttpUrl('ws://127.0.0.1/hubs/user')).toThrow(/http\(s\)/);
    expect(() =>
      createSignalRHubFactory()({ url: 'wss://x/hubs/user', accessTokenFactory: async () => 't' }),
    ).toThrow();
    expect(() => assertHttpUrl('https://rtc.topstepx.com/hubs/user')).not.toThrow();
  });

  it('sees every frame, pings included, with the installed SignalR client', () => {
    const transport = createSignalRHubFactory()({
      url: 'http://127.0.0.1:1/hubs/user',
      accessTokenFactory: async () => 't',
    });
    // If a client upgrade removes the private hook this fails, and staleness falls back to the client's server timeout.
    expect(transport.pingsVisible).toBe(true);
  });
});

describe('reconnect policy', () => {
  it('waits 0, 2, 10, 30, 60 s and then 60 s for ever without jitter', () => {
    const policy = { ...DEFAULT_RECONNECT_POLICY, jitterRatio: 0 };
    expect([0, 1, 2, 3, 4, 5, 50, 5000].map((n) => reconnectDelay(n, policy, () => 0.3))).toEqual([
      0, 2000, 10_000, 30_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('keeps jittered delays within ±20 % for any random draw', () => {
    for (let k = 0; k <= 100; k++) {
      const r = k / 100.5;
      for (let n = 1; n < 8; n++) {
        const base = n < 5 ? (DEFAULT_RECONNECT_POLICY.delaysMs[n] ?? 0) : 60_000;
        const d = reconnectDelay(n, DEFAULT_RECONNECT_POLICY, () => r);
        expect(d).toBeGreaterThanOrEqual(base * 0.8);
        expect(d).toBeLessThanOrEqual(base * 1.2);
      }
    }
    expect(maxRetryPeriod(DEFAULT_RECONNECT_POLICY)).toBe(72_000);
  });

  it('classifies refused upgrades, server closes with an error and 401s', () => {
    expect(classifyFailure(new Error('Unexpected server response: 503'))).toBe('refused');
    expect(classifyFailure(new Error('Server returned an error on close: closed'))).toBe('refused');
    expect(classifyFailure(new Error('Unexpected server response: 401'))).toBe('unauthorized');
    expect(classifyFailure(new Error('WebSocket closed with status code: 1006'))).toBe('failed');
    expect(classifyFailure(undefined)).toBe('failed');
  });
});
