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

  it('reconnects when the connection dies under a resubscribe', async () => {
    const { manager, hub } = setup();
    manager.addSubscription({ method: 'SubscribeAccounts', args: [] });
    hub.dropOnInvokeOf('SubscribeAccounts');
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(hub.transports.length).toBeGreaterThanOrEqual(2);
    hub.dropOnInvokeOf(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(manager.status()).toBe('connected');
    expect(hub.last().invoked).toEqual([{ method: 'SubscribeAccounts', args: [] }]);
  });

  it('keeps the connection when the hub refuses one account, subscribes the others, and tells its owner once per refusal', async () => {
    const refused: Array<{ method: string; args: readonly (string | number)[]; reason: string }> = [];
    const { manager, hub, journal } = setup({
      onSubscriptionRefused: (spec, reason) => refused.push({ method: spec.method, args: spec.args, reason }),
    });
    manager.addSubscription({ method: 'SubscribeOrders', args: [7] });
    manager.addSubscription({ method: 'SubscribeOrders', args: [8] });
    manager.addSubscription({ method: 'SubscribePositions', args: [8] });
    hub.refuseInvokeOf('SubscribeOrders', 7);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);

    expect(manager.status()).toBe('connected');
    expect(hub.transports).toHaveLength(1);
    expect(hub.last().invoked).toEqual([
      { method: 'SubscribeOrders', args: [8] },
      { method: 'SubscribePositions', args: [8] },
    ]);
    expect(refused).toEqual([
      { method: 'SubscribeOrders', args: [7], reason: expect.stringContaining('Unauthorized') },
    ]);
    expect(journal.entries.map((e) => e.message)).toContain('user hub refused SubscribeOrders(7)');
  });

  it('asks for a refused subscription again after the backoff, on the same connection, until the hub accepts it', async () => {
    const { manager, hub, journal } = setup();
    manager.addSubscription({ method: 'SubscribeTrades', args: [7] });
    hub.refuseInvokeOf('SubscribeTrades', 7);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    // The policy's delays after the first (0 would be a retry at once): 2 s, then 10 s.
    await vi.advanceTimersByTimeAsync(1999);
    expect(hub.last().invoked).toEqual([]);
    hub.refuseInvokeOf(null);
    await vi.advanceTimersByTimeAsync(1);
    expect(hub.last().invoked).toEqual([{ method: 'SubscribeTrades', args: [7] }]);
    expect(hub.transports).toHaveLength(1);
    // Accepted: no further asking.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(hub.last().invoked).toHaveLength(1);
    expect(journal.entries.filter((e) => e.message.includes('refused'))).toHaveLength(1);
  });

  it('stops asking for a refused subscription once its owner gives it up', async () => {
    const { manager, hub } = setup();
    manager.addSubscription({ method: 'SubscribeTrades', args: [7] });
    hub.refuseInvokeOf('SubscribeTrades', 7);
    manager.start();
    await vi.advanceTimersByTimeAsync(2000);
    await vi.advanceTimersByTimeAsync(10_000);
    const tries = hub.transports.length;
    expect(tries).toBe(1);
    manager.removeSubscription('SubscribeTrades', [7]);
    hub.refuseInvokeOf(null);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(hub.last().invoked).toEqual([]);
    expect(manager.subscriptions()).toEqual([]);
  });

  it('keeps the connection when a subscription added while connected is refused', async () => {
    const refused: string[] = [];
    const { manager, hub } = setup({ onSubscriptionRefused: (spec) => refused.push(spec.method) });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    hub.refuseInvokeOf('SubscribePositions');
    manager.addSubscription({ method: 'SubscribePositions', args: [9] });
    await vi.advanceTimersByTimeAsync(0);
    expect(manager.status()).toBe('connected');
    expect(hub.transports).toHaveLength(1);
    expect(refused).toEqual(['SubscribePositions']);
  });
});
