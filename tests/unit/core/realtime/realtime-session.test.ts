import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account, Position } from '../../../../src/core/gateway/schemas';
import { systemTimers } from '../../../../src/core/ports';
import { createRealtimeSession } from '../../../../src/core/realtime/realtime-session';
import type { ReconcilerApi } from '../../../../src/core/realtime/reconciler';
import { createEmptyGuardState, type GuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import { reduce } from '../../../../src/core/state/reducer';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';
import { createFakeHub, createFakeTokens } from './fake-hub';

const MNQ = 'CON.F.US.MNQ.Z26';
const account: Account = { id: 7, name: 'A', balance: 50_000, canTrade: true, isVisible: true };
const position: Position = {
  id: 1,
  accountId: 7,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  type: 1,
  size: 1,
  averagePrice: 25_000,
};

function setup(initial?: (tradingDay: ReturnType<typeof createTradingDayClock>) => GuardState) {
  const hub = createFakeHub();
  const tradingDay = createTradingDayClock();
  let state: GuardState = initial ? initial(tradingDay) : createEmptyGuardState(Date.now());
  const events: DomainEvent[] = [];
  const truth = { positions: [] as Position[], failAccounts: false };
  const calls: string[] = [];
  const api: ReconcilerApi = {
    async searchAccounts() {
      calls.push('accounts');
      if (truth.failAccounts) throw new Error('503');
      return [account];
    },
    async searchOpenPositions() {
      calls.push('positions');
      return truth.positions;
    },
    async searchOpenOrders() {
      calls.push('openOrders');
      return [];
    },
    async searchOrders() {
      return [];
    },
    async searchTrades() {
      calls.push('trades');
      return [];
    },
    async contractById(body) {
      calls.push(`contract:${body.contractId}`);
      return { id: body.contractId, name: 'MNQZ6', tickSize: 0.25, tickValue: 0.5, activeContract: true };
    },
  };
  const session = createRealtimeSession({
    userHubUrl: 'http://127.0.0.1:1/hubs/user',
    marketHubUrl: 'http://127.0.0.1:1/hubs/market',
    transportFactory: hub.factory,
    tokens: createFakeTokens(),
    api,
    clock: { now: () => Date.now() },
    timers: systemTimers,
    random: () => 0.5,
    tradingDay,
    getState: () => state,
    dispatch: (batch) => {
      for (const e of batch) {
        events.push(e);
        state = reduce(state, e, { tradingDay }).state;
      }
    },
    connection: { jitterRatio: 0, serverTimeoutMs: 24 * 3600_000 },
  });
  const transportsOf = (url: string) => hub.transports.filter((t) => t.options.url.endsWith(url));
  return { hub, session, events, truth, calls, state: () => state, transportsOf };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 15, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRealtimeSession', () => {
  it('reconciles after the user hub connects and subscribes each account it finds, then reads once more', async () => {
    const { session, truth, events, calls, transportsOf } = setup();
    truth.positions = [position];
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    const user = transportsOf('/user')[0];
    expect(user?.invoked.map((c) => `${c.method}(${c.args.join(',')})`)).toEqual([
      'SubscribeAccounts()',
      'SubscribeOrders(7)',
      'SubscribePositions(7)',
      'SubscribeTrades(7)',
    ]);
    expect(events.some((e) => e.kind === 'position' && e.source === 'reconcile')).toBe(true);
    // user-hub-connected, then new-subscriptions for account 7
    expect(calls.filter((c) => c === 'accounts').length).toBeGreaterThanOrEqual(2);
    // The open position's contract is subscribed on the market hub.
    const market = transportsOf('/market')[0];
    expect(market?.invoked.map((c) => c.method)).toEqual(['SubscribeContractQuotes', 'SubscribeContractTrades']);
  });

  it('subscribes the accounts a restarted worker loaded from storage, even when REST finds them unchanged', async () => {
    const { session, events, transportsOf } = setup((tradingDay) => {
      const loaded: DomainEvent = { kind: 'account', source: 'reconcile', receivedAt: Date.now(), account };
      return reduce(createEmptyGuardState(Date.now()), loaded, { tradingDay }).state;
    });
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(events.some((e) => e.kind === 'account')).toBe(false); // REST agreed: no account event
    const user = transportsOf('/user')[0];
    expect(user?.invoked.map((c) => `${c.method}(${c.args.join(',')})`)).toEqual([
      'SubscribeAccounts()',
      'SubscribeOrders(7)',
      'SubscribePositions(7)',
      'SubscribeTrades(7)',
    ]);
  });

  it("keeps the user hub when it refuses an account that is not this login's, and gives that account up", async () => {
    const foreign: Account = { id: 99, name: 'of another gateway', balance: 50_000, canTrade: true, isVisible: true };
    const { session, hub, transportsOf } = setup((tradingDay) => {
      let s = createEmptyGuardState(Date.now());
      for (const a of [account, foreign]) {
        s = reduce(
          s,
          { kind: 'account', source: 'reconcile', receivedAt: Date.now(), account: a },
          { tradingDay },
        ).state;
      }
      return s;
    });
    hub.refuseInvokeOf('SubscribeOrders', 99);
    session.setTokenStatus('valid');
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    const user = transportsOf('/user');
    expect(user).toHaveLength(1);
    expect(session.user.status()).toBe('connected');
    // REST lists only account 7: 99 is given up, the hub is not asked for it again.
    expect(session.user.subscriptions().map((sub) => `${sub.method}(${sub.args.join(',')})`)).toEqual([
      'SubscribeAccounts()',
      'SubscribeOrders(7)',
      'SubscribePositions(7)',
      'SubscribeTrades(7)',
    ]);
    const askedFor99 = () => user[0]?.invoked.filter((c) => c.args[0] === 99 && c.method.startsWith('Subscribe')) ?? [];
    const asked = askedFor99().length;
    hub.refuseInvokeOf(null);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(transportsOf('/user')).toHaveLength(1);
    expect(askedFor99()).toHaveLength(asked);
    expect(askedFor99().some((c) => c.method === 'SubscribeOrders')).toBe(false);
    expect(session.health().blindSince).toBeNull();
  });

  it('polls REST while the hub refuses an account this login still has, and stops once the hub accepts it', async () => {
    const { session, hub, calls, transportsOf } = setup();
    hub.refuseInvokeOf('SubscribeTrades', 7);
    session.setTokenStatus('valid');
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.user.status()).toBe('connected');
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(1_500);
    await vi.advanceTimersByTimeAsync(5_000);
    // The poller reads positions and orders of the account while its trades are unheard.
    expect(calls.filter((c) => c === 'positions').length).toBeGreaterThanOrEqual(1);
    hub.refuseInvokeOf(null);
    await vi.advanceTimersByTimeAsync(10_000); // the refused call is asked again (2 s, then 10 s)
    expect(transportsOf('/user')[0]?.invoked.some((c) => c.method === 'SubscribeTrades' && c.args[0] === 7)).toBe(true);
    const after = calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.length).toBe(after);
    expect(transportsOf('/user')).toHaveLength(1);
  });

  it('turns hub events into state through the parser and emits health changes as events', async () => {
    const { session, events, state, transportsOf } = setup();
    session.setTokenStatus('valid');
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    transportsOf('/user')[0]?.emit('GatewayUserPosition', { action: 1, data: { ...position, size: 2 } });
    expect(state().accounts['7']?.positions[MNQ]?.size).toBe(2);
    expect(events.filter((e) => e.kind === 'health').at(-1)).toMatchObject({
      health: { user: { status: 'connected' }, token: 'valid', blindSince: null },
    });
    expect(session.health().blindSince).toBeNull();
  });

  it('polls REST every 5 s while the user hub is down and stops once it is back', async () => {
    const { session, hub, calls, transportsOf } = setup();
    session.setTokenStatus('valid');
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    hub.failAllStarts(new Error('WebSocket failed to connect.'));
    calls.length = 0;
    transportsOf('/user')[0]?.close(new Error('1006'));
    await vi.advanceTimersByTimeAsync(20_000);
    const polls = calls.filter((c) => c === 'accounts').length;
    expect(polls).toBeGreaterThanOrEqual(4);
    expect(polls).toBeLessThanOrEqual(5);
    expect(session.health().blindSince).not.toBeNull();
    hub.failAllStarts(null);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(session.user.status()).toBe('connected');
    const after = calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.length).toBe(after);
  });

  it('retries a reconcile that failed after a connect', async () => {
    const { session, truth, events } = setup();
    truth.failAccounts = true;
    truth.positions = [position];
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(events.some((e) => e.kind === 'position')).toBe(false);
    truth.failAccounts = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(events.some((e) => e.kind === 'position' && e.source === 'reconcile')).toBe(true);
  });

  it('fetches each contract a position names once, for tick size and value', async () => {
    const { session, calls, state, transportsOf } = setup();
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    const user = transportsOf('/user')[0];
    user?.emit('GatewayUserPosition', position);
    user?.emit('GatewayUserPosition', { ...position, size: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(state().contracts[MNQ]).toMatchObject({ tickSize: 0.25, tickValue: 0.5 });
    user?.emit('GatewayUserPosition', { ...position, size: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.filter((c) => c === `contract:${MNQ}`)).toHaveLength(1);
  });

  it('stops both hubs and every timer on stop()', async () => {
    const { session, hub } = setup();
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    await session.stop();
    expect(hub.transports.every((t) => t.stopped)).toBe(true);
    const count = hub.transports.length;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(hub.transports).toHaveLength(count);
    expect(session.user.status()).toBe('disconnected');
  });
});
