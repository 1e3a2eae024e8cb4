import { afterEach, describe, expect, it } from 'vitest';
import { fetchHistory } from '../../../src/core/replay/fetch-history';
import { replayHistory } from '../../../src/core/replay/replay-history';
import { resolveRange } from '../../../src/core/replay/replay-range';
import { parseConfig } from '../../../src/core/rules/config/config-schema';
import { createTradingDayClock } from '../../../src/core/state/trading-day';
import { type Stack, startStack } from '../gateway/harness';

/**
 * The replay's fetch through the worker's own REST stack (token manager, rate limiter with
 * lanes, breakers, retries) against the simulator's seeded past. The bar limit is compressed
 * on both sides (simulator: 2 per 500 ms; client: the same, less its 10 % margin: 1 per 500 ms),
 * so a client that did not pace its History/retrieveBars calls would meet 429s.
 */
let stack: Stack;
afterEach(async () => {
  await stack?.stop();
});

describe('replay fetch against the simulator', () => {
  it('reads 20 trading days of trades and bars within the history rate limit and replays them', async () => {
    const limit = { bars: { max: 2, windowMs: 500 }, general: { max: 200, windowMs: 60_000 } };
    stack = await startStack({
      sim: {
        seed: 7,
        history: { tradingDays: 24 },
        rateLimits: { bars: { limit: 2, windowMs: 500 }, general: { limit: 200, windowMs: 60_000 } },
      },
      limits: limit,
    });
    const clock = createTradingDayClock();
    const range = resolveRange({ kind: 'last', tradingDays: 20 }, clock, Date.now());
    const accounts = [
      { id: stack.sim.demo.accountIds[0] as number, name: 'A', balance: 50_000, canTrade: true, isVisible: true },
      { id: stack.sim.demo.accountIds[1] as number, name: 'B', balance: 150_000, canTrade: true, isVisible: true },
    ];
    const phases = new Set<string>();
    const started = Date.now();
    const history = await fetchHistory({
      api: stack.api,
      accounts,
      range,
      clock,
      bars: true,
      onProgress: (p) => phases.add(p.phase),
    });
    const elapsed = Date.now() - started;
    const barCalls = stack.sim.requests.list('/api/History/retrieveBars');
    expect(history.failures).toEqual([]);
    expect(stack.sim.rateLimits.rejected()).toBe(0);
    // 2 contracts × 2 runs of ≤ 10 days; one per 500 ms: the last cannot start before ~1.5 s.
    expect(barCalls.length).toBe(4);
    expect(elapsed).toBeGreaterThan(1_400);
    expect([...phases]).toEqual(['trades', 'contracts', 'bars']);
    expect(history.accounts.every((a) => a.trades.length > 100)).toBe(true);
    expect(Object.keys(history.bars ?? {})).toHaveLength(2);

    const config = parseConfig({ defaultProfile: { rules: { dailyRealizedLoss: { mode: 'enforce', limit: 500 } } } });
    if (!config.ok) throw new Error('config');
    const result = replayHistory({ history, config: config.config, range, monitorAs: 'enforce' });
    expect(result.equity).toHaveLength(20);
    expect(result.totals.daysLocked).toBeGreaterThan(0);
    expect(result.totals.fills).toBe(
      history.accounts.reduce(
        (n, a) => n + a.trades.filter((t) => Date.parse(t.creationTimestamp) >= range.start).length,
        0,
      ),
    );
  }, 30_000);
});
