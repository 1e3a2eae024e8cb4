import { describe, expect, it } from 'vitest';
import type { HubTransport } from '../../../src/core/realtime/hub-transport';
import { createLatencyTrace } from '../../../src/worker/latency-trace';

describe('latency trace (local builds: where the time goes from a breach to its first request)', () => {
  it('records, per enforcement decided, the last hub frame, the decision and the first request after it', async () => {
    let t = 0;
    const trace = createLatencyTrace(() => t);
    let frameHandler: () => void = () => {};
    const fakeHub = {
      onAnyMessage: (h: () => void) => {
        frameHandler = h;
      },
    } as unknown as HubTransport;
    const hub = trace.hubFactory(() => fakeHub)({ url: 'http://x', accessTokenFactory: async () => 't' });
    expect(hub).toBe(fakeHub);
    const fetch = trace.fetch(
      async () => ({ status: 200, headers: { get: () => null }, text: async () => '' }) as never,
    );
    t = 10;
    frameHandler();
    t = 10.4;
    trace.decided();
    t = 10.9;
    await fetch('http://127.0.0.1:5055/api/Position/closeContract', { method: 'POST', headers: {} });
    t = 12;
    await fetch('http://127.0.0.1:5055/api/Position/searchOpen', { method: 'POST', headers: {} });
    expect(trace.records()).toEqual([
      {
        burstAt: 10,
        frameAt: 10,
        decidedAt: 10.4,
        firstRequestAt: 10.9,
        firstRequestPath: '/api/Position/closeContract',
      },
    ]);
  });

  it('dates the burst of frames that ended with the trigger from its first frame, a pause of 5 ms starting a new one', () => {
    let t = 0;
    const trace = createLatencyTrace(() => t);
    let frameHandler: () => void = () => {};
    const fakeHub = {
      onAnyMessage: (h: () => void) => {
        frameHandler = h;
      },
    } as unknown as HubTransport;
    trace.hubFactory(() => fakeHub)({ url: 'http://x', accessTokenFactory: async () => 't' });
    for (const at of [1, 20, 20.3, 24.9, 25.5]) {
      t = at;
      frameHandler();
    }
    t = 25.6;
    trace.decided();
    t = 40;
    frameHandler();
    t = 40.1;
    trace.decided();
    expect(trace.records().map((r) => [r.burstAt, r.frameAt])).toEqual([
      [20, 25.5],
      [40, 40],
    ]);
  });
});
