import { describe, expect, it } from 'vitest';
import { accountState, MNQ, position, trade } from '../../core/rules/fixtures';

import { at, ID, judgeAndShow, WARN_ALWAYS } from './judge-and-show';

/**
 * The popup's order and contract meters count as the rules count: the orders in a window,
 * the contracts open in mini-equivalents.
 */

describe('tradeFrequency: the meter counts the orders the rule counts', () => {
  const rules = (limits: Record<string, number | null>) => ({
    tradeFrequency: { mode: 'enforce', warnAt: WARN_ALWAYS, perMinute: null, perHour: null, perDay: null, ...limits },
  });

  it('shows the window nearest its limit: 3 of 3 in the last minute, not 3 of 50 today', () => {
    const trades = [1, 2, 3].map((orderId) => trade({ orderId, creationTimestamp: at(10_000 * orderId) }));
    const s = judgeAndShow(
      'tradeFrequency',
      rules({ perMinute: 3, perHour: 20, perDay: 50 }),
      accountState({ id: ID, trades }),
    );
    const minute = s.figures.find((f) => f.window === 'minute');
    expect(minute).toMatchObject({ orders: 3, limit: 3 });
    expect(s.meter).toMatchObject({ name: 'Orders in the last minute', value: 3, limit: 3, moreThan: true });
  });

  it('counts the partial fills of one order once and leaves out a fill without a readable time', () => {
    const trades = [
      trade({ orderId: 1, creationTimestamp: at(5_000) }),
      trade({ orderId: 1, creationTimestamp: at(4_000) }),
      trade({ orderId: 2, creationTimestamp: at(3_000) }),
      trade({ orderId: 3, creationTimestamp: 'not a time' }),
    ];
    const s = judgeAndShow('tradeFrequency', rules({ perDay: 50 }), accountState({ id: ID, trades }));
    expect(s.figures).toEqual([{ window: 'day', orders: 2, limit: 50 }]);
    expect(s.meter).toMatchObject({ name: 'Orders today', value: 2, limit: 50 });
  });

  it('does not show the orders of another trading day as today’s', () => {
    const trades = [1, 2, 3, 4].map((orderId) => trade({ orderId, creationTimestamp: at(90_000_000) }));
    const s = judgeAndShow(
      'tradeFrequency',
      rules({ perDay: 5 }),
      accountState({ id: ID, trades, tradingDay: '2026-11-24' }),
    );
    expect(s.figures).toEqual([]);
    expect(s.meter?.value).toBeNull();
  });
});

describe('maxContracts and maxContractsPerInstrument: the meters count the contracts the rules count', () => {
  it('open contracts in mini-equivalents, as the rule counts them', () => {
    const s = judgeAndShow(
      'maxContracts',
      { maxContracts: { mode: 'enforce', warnAt: WARN_ALWAYS, limit: 5, counting: 'mini' } },
      accountState({ id: ID, positions: [position(MNQ, 3, 21000)] }),
    );
    expect(s.figures[0]).toMatchObject({ openContracts: 0.3 });
    expect(s.meter).toMatchObject({ value: 0.3, limit: 5, moreThan: true });
  });

  it('the symbol nearest its own limit', () => {
    const s = judgeAndShow(
      'maxContractsPerInstrument',
      { maxContractsPerInstrument: { mode: 'enforce', warnAt: WARN_ALWAYS, limits: { MNQ: 4 } } },
      accountState({ id: ID, positions: [position(MNQ, 3, 21000)] }),
    );
    expect(s.figures[0]).toMatchObject({ root: 'MNQ', size: 3, limit: 4 });
    expect(s.meter).toMatchObject({ name: 'Open MNQ', value: 3, limit: 4, moreThan: true });
  });
});
