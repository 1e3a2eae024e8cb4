import { describe, expect, it } from 'vitest';
import type { CallContext, RetrieveBarsRequest } from '../../../../src/core/gateway/api';
import type { Bar, Contract, Trade } from '../../../../src/core/gateway/schemas';
import {
  type FetchProgress,
  fetchHistory,
  type HistoryReads,
  ReplayCancelled,
} from '../../../../src/core/replay/fetch-history';
import { resolveRange } from '../../../../src/core/replay/replay-range';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';
import { account, CONTRACTS, ct, MES, MNQ, trade } from './history-kit';

const clock = createTradingDayClock();
// The 5 trading days Thu 2026-11-12 … Wed 2026-11-18, asked on Thursday the 19th.
const range = resolveRange({ kind: 'last', tradingDays: 5 }, clock, ct('2026-11-19', '10:00'));

function fakeApi(trades: Trade[], options: { failContract?: boolean; failBars?: boolean } = {}) {
  const calls: Array<{ endpoint: string; body: unknown; lane: string | undefined }> = [];
  const api: HistoryReads = {
    async searchTrades(body, ctx?: CallContext) {
      calls.push({ endpoint: 'searchTrades', body, lane: ctx?.lane });
      const from = Date.parse(body.startTimestamp);
      const to = Date.parse(body.endTimestamp ?? '9999-01-01');
      return trades.filter((t) => {
        const at = Date.parse(t.creationTimestamp);
        return t.accountId === body.accountId && at >= from && at <= to;
      });
    },
    async contractById(body, ctx?: CallContext) {
      calls.push({ endpoint: 'contractById', body, lane: ctx?.lane });
      if (options.failContract) throw new Error('HTTP 500');
      const c = CONTRACTS.find((x) => x.id === body.contractId);
      if (!c) throw new Error('not found');
      return c;
    },
    async retrieveBars(body: RetrieveBarsRequest, ctx?: CallContext): Promise<Bar[]> {
      calls.push({ endpoint: 'retrieveBars', body, lane: ctx?.lane });
      if (options.failBars) throw new Error('HTTP 429');
      return [{ t: body.startTime, o: 1, h: 1, l: 1, c: 1, v: 1 }];
    },
  };
  return { api, calls };
}

describe('fetchHistory', () => {
  const trades = [
    trade(ct('2026-11-11', '15:00'), 'buy', 1, 20000, null), // the look-back day (Wed the 11th)
    trade(ct('2026-11-12', '09:00'), 'sell', 1, 20010, 20),
    trade(ct('2026-11-13', '09:00'), 'buy', 1, 20000, null, { contractId: MES }),
    trade(ct('2026-11-13', '09:10'), 'sell', 1, 20001, 5, { contractId: MES }),
    trade(ct('2026-11-17', '09:00'), 'buy', 1, 20000, null),
    trade(ct('2026-11-17', '09:05'), 'sell', 1, 20000, 0),
    trade(ct('2026-11-19', '09:00'), 'buy', 1, 20000, null), // today: outside the range
  ];

  it('reads trades in 7-day slices from one trading day before the range, in the routine lane, deduplicated', async () => {
    const { api, calls } = fakeApi(trades);
    const h = await fetchHistory({ api, accounts: [account()], range, clock, bars: false, knownContracts: CONTRACTS });
    const searches = calls.filter((c) => c.endpoint === 'searchTrades');
    expect(searches.map((c) => (c.body as { startTimestamp: string }).startTimestamp)[0]).toBe(
      new Date(ct('2026-11-10', '17:00')).toISOString(),
    );
    expect(searches.length).toBe(2); // Tue 17:00 → Wed 17:00 is 8 days
    expect(new Set(calls.map((c) => c.lane))).toEqual(new Set(['routine']));
    expect(h.accounts[0]?.trades.map((t) => t.id)).toEqual(trades.slice(0, 6).map((t) => t.id));
    expect(h.bars).toBeNull();
    expect(calls.some((c) => c.endpoint === 'contractById')).toBe(false);
  });

  it('looks up unknown contracts and asks minute bars only for the days each contract was traded, in runs', async () => {
    const { api, calls } = fakeApi(trades);
    const progress: FetchProgress[] = [];
    const h = await fetchHistory({
      api,
      accounts: [account()],
      range,
      clock,
      bars: true,
      knownContracts: [CONTRACTS[0] as Contract],
      onProgress: (p) => progress.push(p),
    });
    expect(calls.filter((c) => c.endpoint === 'contractById').map((c) => c.body)).toEqual([{ contractId: MES }]);
    const bars = calls.filter((c) => c.endpoint === 'retrieveBars').map((c) => c.body as RetrieveBarsRequest);
    // MNQ on the 12th and the 17th (not consecutive range days: two requests); MES on the 13th.
    expect(bars.map((b) => [b.contractId, b.startTime, b.endTime])).toEqual(
      expect.arrayContaining([
        [MNQ, new Date(ct('2026-11-11', '17:00')).toISOString(), new Date(ct('2026-11-12', '17:00')).toISOString()],
        [MNQ, new Date(ct('2026-11-16', '17:00')).toISOString(), new Date(ct('2026-11-17', '17:00')).toISOString()],
        [MES, new Date(ct('2026-11-12', '17:00')).toISOString(), new Date(ct('2026-11-13', '17:00')).toISOString()],
      ]),
    );
    expect(bars).toHaveLength(3);
    expect(bars.every((b) => b.unit === 2 && b.unitNumber === 1 && b.limit === 20_000)).toBe(true);
    expect(Object.keys(h.bars ?? {}).sort()).toEqual([MES, MNQ].sort());
    expect(h.contracts.map((c) => c.id).sort()).toEqual([MES, MNQ].sort());
    const last = progress.at(-1);
    expect(last).toEqual({ phase: 'bars', done: 6, total: 6 });
    expect(progress.every((p, i) => i === 0 || p.done >= (progress[i - 1]?.done ?? 0))).toBe(true);
  });

  it('goes on without a contract or bars it could not fetch, and says which', async () => {
    const { api } = fakeApi(trades, { failContract: true, failBars: true });
    const h = await fetchHistory({ api, accounts: [account()], range, clock, bars: true });
    expect(h.failures).toContain(`contract ${MNQ}: HTTP 500`);
    expect(h.failures.filter((f) => f.startsWith('bars of'))).toHaveLength(3);
    expect(h.contracts).toEqual([]);
  });

  it('stops at once when cancelled', async () => {
    const { api, calls } = fakeApi(trades);
    const abort = new AbortController();
    const slow: HistoryReads = {
      ...api,
      async searchTrades(body, ctx) {
        abort.abort();
        return api.searchTrades(body, ctx);
      },
    };
    await expect(
      fetchHistory({ api: slow, accounts: [account()], range, clock, bars: true, signal: abort.signal }),
    ).rejects.toBeInstanceOf(ReplayCancelled);
    expect(calls.filter((c) => c.endpoint === 'retrieveBars')).toEqual([]);
  });
});
