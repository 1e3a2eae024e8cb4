import { describe, expect, it } from 'vitest';
import type { Position } from '../../../../src/core/gateway/schemas';
import { createMarketSubscriptions } from '../../../../src/core/realtime/market-subscriptions';
import type { SubscriptionSpec } from '../../../../src/core/realtime/subscription-registry';

function pos(accountId: number, contractId: string, size: number): Position {
  return { id: 1, accountId, contractId, creationTimestamp: 't', type: 1, size, averagePrice: 100 };
}

function fakeManager() {
  const calls: string[] = [];
  return {
    calls,
    addSubscription: (spec: SubscriptionSpec) => calls.push(`+${spec.method}:${spec.args.join(',')}`),
    removeSubscription: (method: string, args: readonly (string | number)[]) =>
      calls.push(`-${method}:${args.join(',')}`),
  };
}

const MNQ = 'CON.F.US.MNQ.U25';
const ES = 'CON.F.US.EP.U25';

describe('createMarketSubscriptions', () => {
  it('subscribes quotes and trades when the first position in a contract opens', () => {
    const manager = fakeManager();
    const subs = createMarketSubscriptions({ manager });
    subs.sync({ '1': { positions: { [MNQ]: pos(1, MNQ, 2) } } });
    expect(manager.calls).toEqual([`+SubscribeContractQuotes:${MNQ}`, `+SubscribeContractTrades:${MNQ}`]);
    expect(subs.contracts()).toEqual([MNQ]);
  });

  it('keeps the subscription while another account still holds the contract', () => {
    const manager = fakeManager();
    const subs = createMarketSubscriptions({ manager });
    subs.sync({ '1': { positions: { [MNQ]: pos(1, MNQ, 2) } }, '2': { positions: { [MNQ]: pos(2, MNQ, -1) } } });
    subs.sync({ '1': { positions: {} }, '2': { positions: { [MNQ]: pos(2, MNQ, -1) } } });
    expect(manager.calls.filter((c) => c.startsWith('-'))).toEqual([]);
    expect(manager.calls).toHaveLength(2);
  });

  it('unsubscribes when the last position closes (removed or size 0)', () => {
    const manager = fakeManager();
    const subs = createMarketSubscriptions({ manager });
    subs.sync({ '1': { positions: { [MNQ]: pos(1, MNQ, 2), [ES]: pos(1, ES, 1) } } });
    manager.calls.length = 0;
    subs.sync({ '1': { positions: { [MNQ]: pos(1, MNQ, 0), [ES]: pos(1, ES, 1) } } });
    expect(manager.calls).toEqual([`-SubscribeContractQuotes:${MNQ}`, `-SubscribeContractTrades:${MNQ}`]);
    expect(subs.contracts()).toEqual([ES]);
  });

  it('keeps watch-list contracts subscribed without positions and diffs changes to the list', () => {
    const manager = fakeManager();
    const subs = createMarketSubscriptions({ manager, watchList: [ES] });
    subs.sync({});
    expect(subs.contracts()).toEqual([ES]);
    subs.sync({ '1': { positions: { [ES]: pos(1, ES, 1) } } });
    subs.sync({});
    expect(subs.contracts()).toEqual([ES]);
    subs.setWatchList([MNQ]);
    expect(subs.contracts()).toEqual([MNQ]);
    expect(manager.calls.filter((c) => c.startsWith('-'))).toEqual([
      `-SubscribeContractQuotes:${ES}`,
      `-SubscribeContractTrades:${ES}`,
    ]);
  });

  it('does not repeat a subscription on an unchanged sync', () => {
    const manager = fakeManager();
    const subs = createMarketSubscriptions({ manager, depth: true });
    const state = { '1': { positions: { [MNQ]: pos(1, MNQ, 2) } } };
    subs.sync(state);
    subs.sync(state);
    expect(manager.calls).toEqual([
      `+SubscribeContractQuotes:${MNQ}`,
      `+SubscribeContractTrades:${MNQ}`,
      `+SubscribeContractMarketDepth:${MNQ}`,
    ]);
  });
});
