import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createEventParser } from '../../../../src/core/realtime/event-parser';
import { protectiveStops } from '../../../../src/core/rules/measures/stops';
import { createEmptyGuardState, type GuardState } from '../../../../src/core/state/account-state';
import { reduce } from '../../../../src/core/state/reducer';
import { realizedPnl } from '../../../../src/core/state/selectors';
import { parseTimestamp } from '../../../../src/core/state/timestamp';
import { ctx, T0 } from '../state/fixtures';

/**
 * Payloads shaped like the ones recorded from the live gateway on a practice account: one
 * `{ action, data }` argument, ids above 2^31, timestamps with 3 to 7 fractional digits and
 * `+00:00`, half-turn trades with no `profitAndLoss` key, `commissions` beside `fees`,
 * absent price keys, bracket children in status 8, undocumented extra fields.
 */
const ACCOUNT = 19_650_001;
const ORDER = 2_834_567_890_123; // > 2^31
const MNQ = 'CON.F.US.MNQ.U26';

function liveTrade(id: number, extra: Record<string, unknown>) {
  return {
    action: 0,
    data: {
      id,
      accountId: ACCOUNT,
      contractId: MNQ,
      creationTimestamp: '2026-11-25T15:00:01.1234567+00:00',
      price: 21000.25,
      fees: 0.36,
      commissions: 0.25,
      side: 0,
      size: 1,
      voided: false,
      orderId: ORDER,
      ...extra,
    },
  };
}

function feed(state: GuardState, event: string, args: unknown[]) {
  const parser = createEventParser({ clock: { now: () => T0 }, journal: createMemoryJournal() });
  const events = parser.parse('user', event, args);
  expect(parser.stats()).toMatchObject({ rejected: 0 });
  let next = state;
  for (const e of events) next = reduce(next, e, ctx).state;
  return { state: next, events };
}

describe('payloads shaped like the live gateway’s', () => {
  it('reads fractional seconds of 3 to 7 digits to the millisecond', () => {
    const base = Date.parse('2026-11-25T15:00:01.123Z');
    for (const frac of ['123', '1234', '12345', '123456', '1234567']) {
      expect(parseTimestamp(`2026-11-25T15:00:01.${frac}+00:00`)).toBe(base);
    }
  });

  it('counts a half-turn hub trade without a profitAndLoss key for its fees AND commissions, ids above 2^31 intact', () => {
    const open = feed(createEmptyGuardState(T0), 'GatewayUserTrade', [liveTrade(9_000_000_001, {})]);
    const trade = open.events[0]?.kind === 'trade' ? open.events[0].trade : null;
    expect(trade?.id).toBe(9_000_000_001);
    expect(trade?.orderId).toBe(ORDER);
    const a = open.state.accounts[String(ACCOUNT)]!;
    expect(a.grossRealizedPnl).toBe(0);
    expect(realizedPnl(a)).toBeCloseTo(-0.61, 9);

    const close = feed(open.state, 'GatewayUserTrade', [
      liveTrade(9_000_000_002, { profitAndLoss: -50, side: 1, creationTimestamp: '2026-11-25T15:02:00.123+00:00' }),
    ]);
    const b = close.state.accounts[String(ACCOUNT)]!;
    expect(realizedPnl(b)).toBeCloseTo(-51.22, 9);
    expect(realizedPnl(b, { countCommissions: false })).toBeCloseTo(-50.72, 9);
  });

  it('takes a bracket stop waiting for its entry (status 8, no price keys) as no protection until it works', () => {
    const position = {
      action: 1,
      data: {
        id: 3_100_000_001,
        accountId: ACCOUNT,
        contractId: MNQ,
        contractDisplayName: 'MNQU26',
        creationTimestamp: '2026-11-25T15:00:01.12+00:00',
        type: 1,
        size: 1,
        averagePrice: 21000.25,
      },
    };
    const child = {
      id: ORDER + 1,
      accountId: ACCOUNT,
      contractId: MNQ,
      creationTimestamp: '2026-11-25T15:00:01.1234+00:00',
      updateTimestamp: '2026-11-25T15:00:01.1234+00:00',
      status: OrderStatus.Suspended,
      type: 4,
      side: 1,
      size: 1,
      fillVolume: 0,
      customTag: 'entry-7-SL',
      parentOrderId: ORDER,
      linkedOrderId: ORDER + 2,
      // no stopPrice, limitPrice, trailPrice keys at all (as on the hub)
    };
    let { state } = feed(createEmptyGuardState(T0), 'GatewayUserPosition', [position]);
    ({ state } = feed(state, 'GatewayUserOrder', [{ action: 1, data: child }]));
    const p = state.accounts[String(ACCOUNT)]!.positions[MNQ]!;
    expect(p.id).toBe(3_100_000_001);
    expect(protectiveStops(state.accounts[String(ACCOUNT)]!, p)).toEqual([]);

    const working = {
      ...child,
      status: OrderStatus.Open,
      stopPrice: 20950,
      updateTimestamp: '2026-11-25T15:00:02.1234567+00:00',
    };
    ({ state } = feed(state, 'GatewayUserOrder', [{ action: 1, data: working }]));
    expect(protectiveStops(state.accounts[String(ACCOUNT)]!, p).map((o) => o.id)).toEqual([ORDER + 1]);
  });

  it('closes a position on the live close shape (action 2, type 0, size 0, same id)', () => {
    const open = {
      id: 3_100_000_002,
      accountId: ACCOUNT,
      contractId: MNQ,
      contractDisplayName: 'MNQU26',
      creationTimestamp: '2026-11-25T15:00:01.123+00:00',
      type: 1,
      size: 2,
      averagePrice: 21000,
    };
    let { state } = feed(createEmptyGuardState(T0), 'GatewayUserPosition', [{ action: 1, data: open }]);
    expect(state.accounts[String(ACCOUNT)]!.positions[MNQ]?.size).toBe(2);
    ({ state } = feed(state, 'GatewayUserPosition', [{ action: 2, data: { ...open, type: 0, size: 0 } }]));
    expect(state.accounts[String(ACCOUNT)]!.positions[MNQ]).toBeUndefined();
  });

  it('prices from a partial quote (best bid and ask only, no lastPrice)', () => {
    const parser = createEventParser({ clock: { now: () => T0 } });
    const events = parser.parse('market', 'GatewayQuote', [
      MNQ,
      {
        symbol: 'F.US.MNQ',
        symbolName: '/MNQ',
        bestBid: 21000,
        bestAsk: 21000.5,
        lastUpdated: '2026-11-25T15:00:01.1234567+00:00',
      },
    ]);
    let state = createEmptyGuardState(T0);
    for (const e of events) state = reduce(state, e, ctx).state;
    expect(state.prices[MNQ]?.price).toBe(21000.25);
  });
});
