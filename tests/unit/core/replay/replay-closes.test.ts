import { describe, expect, it } from 'vitest';
import { replayHistory } from '../../../../src/core/replay/replay-history';
import { account, bars, configWith, ct, dayOf, days, MNQ, replay, roundTrip, trade } from './history-kit';

const D = '2026-11-18';

describe('replay: what the guard would have closed, and at which price', () => {
  it('reduces an oversized position at the breaching fill’s price and lets the exits close only what is left', () => {
    // Buy 5 MNQ @ 20000 with a 3-contract limit: the guard closes the 2 newest at 20000
    // (gross 0, fees 2 × 0.37). The trader sells 5 @ 20010: 3 of them close the replayed
    // position (+10 points × $2 × 3 = +60, fees 3/5 of 1.85 = 1.11); 2 are removed.
    const config = configWith({ maxContracts: { mode: 'enforce', limit: 3, counting: 'contracts' } });
    const trades = [trade(ct(D, '09:00'), 'buy', 5, 20000, null), trade(ct(D, '09:30'), 'sell', 5, 20010, 100)];
    const r = replay(trades, config, days(D, D, config));
    const d = dayOf(r, D);
    expect(d.actualPnl).toBe(96.3);
    expect(d.replayedPnl).toBe(56.3); // −1.85 − 0.74 + 60 − 1.11
    expect(d.closes).toEqual([
      {
        at: ct(D, '09:00'),
        accountId: 4100,
        contractId: MNQ,
        size: 2,
        price: 20000,
        basis: 'breach-price',
        pnl: -0.74,
        ruleId: 'maxContracts',
      },
    ]);
    expect(d.removedFills).toBe(1);
    expect(d.locked).toBe(false);
  });

  it('closes at the bar quote that breached an open-loss limit (the bar’s low first on an up bar)', () => {
    // Long 2 MNQ @ 20000 at 09:00:10. The 09:01 bar (up: o 19990, c 20000) walks
    // 19990 (−40) → low 19890 → high 20005 → 20000. At 19890: −110 points × $2 × 2 = −440, past
    // the $400 per-position limit: closed there at 09:01:15. The bar's low overshoots where the
    // limit was crossed (−400): the replay never flatters the rule. The trader really held to
    // 19850 (−600 gross).
    const config = configWith({ unrealizedLoss: { mode: 'enforce', perPosition: 400, total: null } });
    const trades = [trade(ct(D, '09:00:10'), 'buy', 2, 20000, null), trade(ct(D, '09:20'), 'sell', 2, 19850, -600)];
    const b = {
      [MNQ]: bars(D, [
        ['09:00', 20000, 20002, 19998, 20000],
        ['09:01', 19990, 20005, 19890, 20000],
        ['09:02', 19950, 19960, 19850, 19855],
      ]),
    };
    const r = replay(trades, config, days(D, D, config), { bars: b });
    const d = dayOf(r, D);
    expect(d.closes).toEqual([
      {
        at: ct(D, '09:01:15'),
        accountId: 4100,
        contractId: MNQ,
        size: 2,
        price: 19890,
        basis: 'breach-price',
        pnl: -440.74,
        ruleId: 'unrealizedLoss',
      },
    ]);
    expect(d.replayedPnl).toBe(-441.48); // opening fee −0.74, close −440 − 0.74 (fees at the trader's own rate)
    expect(d.actualPnl).toBe(-601.48);
    expect(d.removedFills).toBe(1);
    expect(d.approximate).toEqual([
      'Unrealized loss: open P&L from minute bars (open, high, low, close of each minute), not every tick',
    ]);
    expect(r.rules).toEqual([expect.objectContaining({ ruleId: 'unrealizedLoss', status: 'approximate' })]);
  });

  it('without bars an open-loss rule sees prices only at fills, and says so', () => {
    const config = configWith({ unrealizedLoss: { mode: 'enforce', perPosition: 200, total: null } });
    const trades = [trade(ct(D, '09:00:10'), 'buy', 2, 20000, null), trade(ct(D, '09:20'), 'sell', 2, 19850, -600)];
    const r = replay(trades, config, days(D, D, config));
    expect(r.rules[0]).toMatchObject({
      status: 'approximate',
      reason: 'no minute bars loaded: open P&L is known only at the fills',
    });
    // The exit fill itself is the first price past the limit: nothing to close by then.
    expect(dayOf(r, D).replayedPnl).toBe(dayOf(r, D).actualPnl);
  });

  it('flattens at the trading window’s end at the next minute bar’s open (a timer has no price of its own)', () => {
    // Window 08:30–15:10 CT. Long 1 @ 20000 at 15:00; the trader sells at 15:30 @ 19980.
    // At 15:10:00 the window ends: flatten at the open of the 15:10 bar, 20012: +24 gross.
    const config = configWith({ tradingHours: { mode: 'enforce', start: '08:30', end: '15:10' } });
    const trades = [trade(ct(D, '15:00'), 'buy', 1, 20000, null), trade(ct(D, '15:30'), 'sell', 1, 19980, -40)];
    const b = {
      [MNQ]: bars(D, [
        ['15:09', 20010, 20011, 20009, 20010],
        ['15:10', 20012, 20013, 20011, 20012],
      ]),
    };
    const r = replay(trades, config, days(D, D, config), { bars: b });
    const d = dayOf(r, D);
    const close = d.closes[0];
    expect(close).toMatchObject({ at: ct(D, '15:10'), price: 20012, basis: 'next-bar-open', ruleId: 'tradingHours' });
    expect(d.replayedPnl).toBe(23.26); // −0.37 + 24 − 0.37
    expect(d.locked).toBe(true);
    expect(d.approximate).toEqual([]);
  });

  it('without bars the same close takes the last price seen and the day is marked approximate', () => {
    const config = configWith({ tradingHours: { mode: 'enforce', start: '08:30', end: '15:10' } });
    const trades = [trade(ct(D, '15:00'), 'buy', 1, 20000, null), trade(ct(D, '15:30'), 'sell', 1, 19980, -40)];
    const r = replay(trades, config, days(D, D, config));
    const d = dayOf(r, D);
    expect(d.closes[0]).toMatchObject({ price: 20000, basis: 'last-price' });
    expect(d.approximate).toContain('a close priced at the last price seen (no minute bar after it)');
  });
});

describe('replay: what history cannot answer', () => {
  it('lists rules it cannot replay with the reason and never lets them decide', () => {
    const config = configWith({
      stopLossRequired: { mode: 'enforce' },
      tradingPermission: { mode: 'enforce' },
      dailyRealizedLoss: { mode: 'enforce', limit: 500 },
    });
    const trades = roundTrip(ct(D, '09:00'), ct(D, '10:00'), 'long', 1, 20000, 20010);
    const r = replay(trades, config, days(D, D, config));
    const byId = Object.fromEntries(r.rules.map((x) => [x.ruleId, x]));
    expect(byId.stopLossRequired?.status).toBe('not-replayable');
    expect(byId.stopLossRequired?.reason).toMatch(/working stop orders/);
    expect(byId.tradingPermission?.status).toBe('not-replayable');
    expect(byId.dailyRealizedLoss?.status).toBe('replayable');
    // An hour without a stop would have closed it had stopLossRequired run: nothing fired.
    expect(dayOf(r, D).fired).toEqual([]);
    expect(dayOf(r, D).replayedPnl).toBe(dayOf(r, D).actualPnl);
  });

  it('takes rules in monitor mode as enforcing by default, or only records them', () => {
    const config = configWith({ dailyRealizedLoss: { mode: 'monitor', limit: 100 } });
    const trades = [
      ...roundTrip(ct(D, '09:00'), ct(D, '09:10'), 'long', 1, 20000, 19940),
      ...roundTrip(ct(D, '10:00'), ct(D, '10:10'), 'long', 1, 20000, 20040),
    ];
    const acting = dayOf(replay(trades, config, days(D, D, config)), D);
    expect(acting.removedFills).toBe(2);
    expect(acting.fired[0]?.monitorOnly).toBe(false);
    const recording = dayOf(replay(trades, config, days(D, D, config), { monitorAs: 'record' }), D);
    expect(recording.removedFills).toBe(0);
    expect(recording.fired[0]).toMatchObject({ ruleId: 'dailyRealizedLoss', monitorOnly: true });
    expect(recording.locked).toBe(false);
    expect(recording.replayedPnl).toBe(recording.actualPnl);
  });

  it('takes a position opened before the range as it happened, and says so', () => {
    const config = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } });
    // The buy that opened the position is older than the history: only its closing sell is there.
    const trades = [trade(ct(D, '09:00'), 'sell', 1, 20000, -80)];
    const r = replay(trades, config, days(D, D, config));
    const d = dayOf(r, D);
    expect(d.replayedPnl).toBe(-80.37);
    expect(d.approximate).toEqual(['a position opened before the range: its fills are counted as they happened']);
  });

  it('ignores voided trades, as the live guard does, and notes them', () => {
    const config = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } });
    const open = trade(ct(D, '09:00'), 'buy', 1, 20000, null);
    const close = trade(ct(D, '09:10'), 'sell', 1, 19900, -200, { voided: true });
    const trades = [open, close];
    const r = replay(trades, config, days(D, D, config));
    expect(r.notes).toContain('1 voided trade(s) ignored (they count for nothing, live or replayed)');
    expect(r.totals.actualPnl).toBe(-0.37);
  });
});

describe('replay: positions built in several fills', () => {
  it('clips a scaled-in position to the limit, newest contracts first, and prices the exits from the replayed average', () => {
    // Buy 2 @ 20000, buy 2 @ 20010: 4 > 3, the guard closes the newest contract at 20010 (gross 0).
    // Replayed: long 3 at an average of 20003.33. Sells 3 @ 20020: +16.67 points × $2 × 3 = +100.
    // The last sell (1 @ 20020) has nothing left to close: removed.
    const config = configWith({ maxContracts: { mode: 'enforce', limit: 3, counting: 'contracts' } });
    const trades = [
      trade(ct(D, '09:00'), 'buy', 2, 20000, null),
      trade(ct(D, '09:01'), 'buy', 2, 20010, null),
      trade(ct(D, '09:30'), 'sell', 3, 20020, 90),
      trade(ct(D, '09:31'), 'sell', 1, 20020, 30),
    ];
    const d = dayOf(replay(trades, config, days(D, D, config)), D);
    expect(d.closes.map((c) => [c.size, c.price, c.basis])).toEqual([[1, 20010, 'breach-price']]);
    expect(d.actualPnl).toBe(117.04); // 120 − 8 × 0.37
    // −0.74 − 0.74 (opens) − 0.37 (guard close) + 100 − 1.11 (3 contracts' share of the exit fee)
    expect(d.replayedPnl).toBe(97.04);
    expect(d.removedFills).toBe(1);
  });

  it('without tick size and value it says so rather than counting a close at a made-up price', () => {
    const config = configWith({ maxContracts: { mode: 'enforce', limit: 1, counting: 'contracts' } });
    const trades = [trade(ct(D, '09:00'), 'buy', 2, 20000, null), trade(ct(D, '09:30'), 'sell', 2, 20010, 40)];
    const r = replayHistory({
      history: { accounts: [{ account: account(), trades }], contracts: [], bars: null },
      config,
      range: days(D, D, config),
      monitorAs: 'enforce',
    });
    const d = dayOf(r, D);
    expect(d.approximate).toEqual([
      `no tick size/value for ${MNQ}: a close counted at 0`,
      `no tick size/value for ${MNQ}: P&L scaled`,
    ]);
    expect(d.replayedPnl).toBe(-0.74 - 0.37 + 20 - 0.37); // the exit's gateway P&L, scaled to 1 of 2
    expect(r.notes).toContain(`no tick size/value for ${MNQ}: open P&L there is unknown to the rules`);
  });

  it('takes a position opened in the look-back day as it happened', () => {
    const config = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } });
    const trades = [
      trade(ct('2026-11-17', '15:00'), 'buy', 1, 20000, null),
      trade(ct(D, '09:00'), 'sell', 1, 19900, -200),
    ];
    const d = dayOf(replay(trades, config, days(D, D, config)), D);
    expect(d.replayedPnl).toBe(-200.37);
    expect(d.actualPnl).toBe(-200.37);
    expect(d.fired.map((f) => f.ruleId)).toEqual(['dailyRealizedLoss']);
    expect(d.approximate).toEqual(['a position opened before the range: its fills are counted as they happened']);
  });

  it('notes accounts the config does not monitor: no rule acts on them', () => {
    const config = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } }, { monitoredAccountIds: [1] });
    const r = replay(roundTrip(ct(D, '09:00'), ct(D, '09:10'), 'long', 1, 20000, 19900), config, days(D, D, config));
    expect(r.notes).toContain('account 4100 is not monitored by this config: no rule acts on it');
    expect(r.rules).toEqual([]);
    expect(dayOf(r, D).fired).toEqual([]);
  });
});

describe('replay: lockouts merge like the live lockout book', () => {
  it('a shorter cooldown never shortens a longer one; a longer one extends a shorter one', () => {
    // Wednesday: 4 orders within the hour (limit 3) → 60 min cooldown at 09:03; the same fill
    // lost 250 → 15 min. The 60 min holds: a trade at 09:30 is removed.
    // Thursday: the loss tier gives 90 min; the frequency cooldown (60 min) does not shorten it.
    const config = configWith({
      tradeFrequency: { mode: 'enforce', perMinute: null, perHour: 3, perDay: null },
      cooldownAfterLoss: {
        mode: 'enforce',
        tiers: [
          { loss: 200, minutes: 15 },
          { loss: 400, minutes: 90 },
        ],
      },
    });
    const trades = [
      ...roundTrip(ct(D, '09:00'), ct(D, '09:01'), 'long', 1, 20000, 20005),
      ...roundTrip(ct(D, '09:02'), ct(D, '09:03'), 'long', 5, 20000, 19975),
      ...roundTrip(ct(D, '09:30'), ct(D, '09:40'), 'long', 1, 20000, 20005),
      ...roundTrip(ct('2026-11-19', '09:00'), ct('2026-11-19', '09:01'), 'long', 1, 20000, 20005),
      ...roundTrip(ct('2026-11-19', '09:02'), ct('2026-11-19', '09:03'), 'long', 5, 20000, 19950),
      ...roundTrip(ct('2026-11-19', '10:10'), ct('2026-11-19', '10:20'), 'long', 1, 20000, 20005),
    ];
    const r = replay(trades, config, days(D, '2026-11-19', config));
    const wed = dayOf(r, D);
    expect(wed.fired.map((f) => [f.ruleId, f.lockout?.until])).toEqual([
      ['tradeFrequency', ct(D, '10:03')],
      ['cooldownAfterLoss', ct(D, '09:18')],
    ]);
    expect(wed.removedFills).toBe(2);
    const thu = dayOf(r, '2026-11-19');
    expect(thu.fired.map((f) => [f.ruleId, f.lockout?.until])).toEqual([
      ['tradeFrequency', ct('2026-11-19', '10:03')],
      ['cooldownAfterLoss', ct('2026-11-19', '10:33')],
    ]);
    expect(thu.removedFills).toBe(2);
  });
});
