import { describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_PORT } from '../../../src/messaging/protocol';
import type { MessageSenderLike } from '../../../src/messaging/runtime-types';
import { fakePort, makeHandlers, popup, router, webPage } from './router-fixture';

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
