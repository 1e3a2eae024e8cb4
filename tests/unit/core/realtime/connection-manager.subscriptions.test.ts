import { describe, expect, it, vi } from 'vitest';
import { setup, useFakeTimersPerTest } from './connection-manager-fixture';

useFakeTimersPerTest();

describe('createConnectionManager: subscriptions and hub events', () => {
  it('subscribes at once when connected, ignores duplicates, unsubscribes and forgets removed ones', async () => {
    const { manager, hub } = setup();
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    const spec = { method: 'SubscribeTrades', args: [9], unsubscribeMethod: 'UnsubscribeTrades' };
    manager.addSubscription(spec);
    manager.addSubscription(spec);
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.last().invoked).toEqual([{ method: 'SubscribeTrades', args: [9] }]);
    manager.removeSubscription('SubscribeTrades', [9]);
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.last().invoked.at(-1)).toEqual({ method: 'UnsubscribeTrades', args: [9] });
    hub.last().close(new Error('dropped'));
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.last().invoked).toEqual([]);
    expect(manager.subscriptions()).toEqual([]);
  });

  it('passes every hub event through with its raw arguments and survives a throwing handler', async () => {
    let calls = 0;
    const { manager, hub, journal } = setup({
      onEvent: () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    hub.last().emit('GatewayUserOrder', { id: 1 });
    hub.last().emit('GatewayUserTrade', 5, { id: 2 });
    expect(calls).toBe(2);
    expect(manager.status()).toBe('connected');
    expect(journal.entries.some((e) => e.message === 'user hub event handler failed')).toBe(true);
  });

  it('reconnects when resubscribing fails', async () => {
    const { manager, hub } = setup();
    manager.addSubscription({ method: 'SubscribeAccounts', args: [] });
    hub.failInvokeOf('SubscribeAccounts');
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.transports.length).toBeGreaterThanOrEqual(2);
    hub.failInvokeOf(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(manager.status()).toBe('connected');
    expect(hub.last().invoked).toEqual([{ method: 'SubscribeAccounts', args: [] }]);
  });
});
