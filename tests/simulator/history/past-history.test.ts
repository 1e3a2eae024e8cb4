import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../simulator/catalogue';
import { createPastHistory, pastSessions } from '../../../simulator/history/past-history';
import { startSimulator } from '../../../simulator/index';
import { createTimeFormatter } from '../../../simulator/time-format';
import type { Simulator } from '../../../simulator/types';
import type { Bar, Trade } from '../../../src/core/gateway/schemas';
import { createTradingDayClock } from '../../../src/core/state/trading-day';
import { login, post } from '../test-kit';

// Wednesday 2026-11-25, 10:00 Chicago.
const NOW = Date.parse('2026-11-25T16:00:00Z');
const MNQ = 'CON.F.US.MNQ.Z26';
const ES = 'CON.F.US.EP.Z26';

function history(seed = 7) {
  return createPastHistory({
    contracts: buildCatalogue(),
    accountIds: [9100001, 9100002],
    tradingDays: 22,
    now: NOW,
    seed,
    fmt: createTimeFormatter(),
  });
}

describe('the simulator’s past history', () => {
  it('covers the last N trading days before today, weekdays only, 08:30–15:15 CT', () => {
    const s = pastSessions(NOW, 22);
    expect(s).toHaveLength(22);
    expect(s.at(-1)?.day).toBe('2026-11-24');
    expect(s[0]?.day).toBe('2026-10-26');
    for (const x of s) expect(new Date(`${x.day}T12:00:00Z`).getUTCDay()).not.toBe(0);
    expect(s.at(-1)?.open).toBe(Date.parse('2026-11-24T14:30:00Z'));
  });

  it('is the same under the same seed and different under another', () => {
    const a = history(7).trades.get(9100001);
    expect(history(7).trades.get(9100001)).toEqual(a);
    expect(history(8).trades.get(9100001)).not.toEqual(a);
  });

  it('fills only at prices of its own market, with the gateway’s P&L and fees', () => {
    const h = history();
    const trades = h.trades.get(9100001) ?? [];
    const clock = createTradingDayClock();
    const days = new Set(trades.map((t) => clock.tradingDayOf(Date.parse(t.creationTimestamp))));
    expect(days.size).toBeGreaterThan(15);
    expect(days.has('2026-11-25')).toBe(false);
    let open: Trade | null = null;
    for (const t of trades) {
      const at = Date.parse(t.creationTimestamp);
      const ticks = h.ticks(t.contractId, at, at);
      expect(ticks.map((x) => x.price)).toEqual([t.price]);
      expect(t.fees).toBeCloseTo(0.37 * t.size, 10);
      if (!open) {
        expect(t.profitAndLoss).toBeNull();
        open = t;
        continue;
      }
      const dir = open.side === 0 ? 1 : -1;
      expect(t.side).toBe(1 - open.side);
      expect(t.profitAndLoss).toBeCloseTo((t.price - open.price) * 2 * t.size * dir, 6);
      open = null;
    }
  });

  it('looks like a trader a daily limit is for: some days lose more than $500, some win more', () => {
    const clock = createTradingDayClock();
    const byDay = new Map<string, number>();
    for (const t of history().trades.get(9100001) ?? []) {
      const day = clock.tradingDayOf(Date.parse(t.creationTimestamp));
      byDay.set(day, (byDay.get(day) ?? 0) + (t.profitAndLoss ?? 0) - (t.fees ?? 0));
    }
    const pnl = [...byDay.values()];
    expect(pnl.filter((x) => x < -500).length).toBeGreaterThanOrEqual(2);
    expect(pnl.filter((x) => x > 500).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the past through REST', () => {
  let sim: Simulator;
  afterEach(async () => {
    await sim?.stop();
  });

  it('serves past trades on Trade/search and past minute bars on History/retrieveBars; the live day stays empty', async () => {
    sim = await startSimulator({ priceTickMs: 0, now: () => NOW, seed: 7, history: { tradingDays: 22 } });
    const token = await login(sim);
    const [a, b] = sim.demo.accountIds;
    const all = await post(sim, '/api/Trade/search', { accountId: a, startTimestamp: '2026-10-01T00:00:00Z' }, token);
    const trades = all.json?.trades as Trade[];
    expect(trades.length).toBeGreaterThan(50);
    expect(trades.every((t) => t.contractId === MNQ)).toBe(true);
    const es = await post(sim, '/api/Trade/search', { accountId: b, startTimestamp: '2026-10-01T00:00:00Z' }, token);
    const esTrades = (es.json?.trades ?? []) as Trade[];
    expect(esTrades.length).toBeGreaterThan(20);
    expect(esTrades.every((t) => t.contractId === ES)).toBe(true);
    const today = await post(sim, '/api/Trade/search', { accountId: a, startTimestamp: '2026-11-24T23:00:00Z' }, token);
    expect(today.json?.trades).toEqual([]);
    const bars = await post(
      sim,
      '/api/History/retrieveBars',
      {
        contractId: MNQ,
        live: false,
        startTime: '2026-11-24T14:30:00Z',
        endTime: '2026-11-24T21:15:00Z',
        unit: 2,
        unitNumber: 1,
        limit: 20000,
        includePartialBar: false,
      },
      token,
    );
    const list = bars.json?.bars as Bar[];
    expect(list).toHaveLength(405);
    for (const bar of list) expect(bar.l <= Math.min(bar.o, bar.c) && bar.h >= Math.max(bar.o, bar.c)).toBe(true);
    const first = trades.find((t) => t.creationTimestamp.startsWith('2026-11-24'));
    if (!first) throw new Error('no trade on the 24th');
    const minute = new Date(Math.floor(Date.parse(first.creationTimestamp) / 60_000) * 60_000)
      .toISOString()
      .slice(0, 19);
    const bar = list.find((x) => x.t.startsWith(minute));
    expect(bar && first.price >= bar.l && first.price <= bar.h).toBe(true);
  });
});
