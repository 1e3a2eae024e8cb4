import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_GAP_MS } from '../../../../src/core/guard/loss-audit';
import { NOW } from '../realtime/reconciler-fixture';
import { config, DAY, settle, world } from './loss-audit-fixture';

/** How often the audit reads and what it tells: the gap, the news that re-arms it, days, journal, failures, stop. */
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the daily loss audit', () => {
  it('reads at most once per 30 s: trades within the gap wait for its end, then one read covers them', async () => {
    expect(AUDIT_GAP_MS).toBe(30_000);
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    expect(w.reads).toHaveLength(1);
    for (const loss of [130, 140, 150]) {
      await vi.advanceTimersByTimeAsync(9_000);
      w.event(loss);
    }
    await vi.advanceTimersByTimeAsync(2_999); // 29.999 s after the first read
    expect(w.reads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.reads).toHaveLength(2);
  });

  it('reads again after a new trade while near, and not at all without one', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    // Near, but nothing new from the hub: the day's trades stand confirmed.
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    w.event(120, 'hub', 'tick');
    await settle();
    expect(w.reads).toHaveLength(1);
    // A new trade while still near, long after the gap: read at once.
    w.event(125);
    await settle();
    expect(w.reads).toHaveLength(2);
  });

  it('what a reconcile fed in is not news from the hub: no read again for it', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    w.event(70, 'reconcile'); // the audit found a win: 35 %, far
    w.event(120, 'reconcile'); // a loss a reconcile found: near again, but nothing came from the hub
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(w.reads).toHaveLength(1);
  });

  it('a tick reads an account a tightened limit put near, once (the config change re-judges every account)', async () => {
    const w = world({ loss: 0, config: config({ limit: 500 }) });
    w.event(120); // 24 % of $500: far
    await settle();
    expect(w.reads).toHaveLength(0);
    w.setConfig(config({ limit: 200 }));
    w.event(120, 'hub', 'tick');
    await settle();
    expect(w.reads).toHaveLength(1);
    w.event(120, 'hub', 'tick');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.reads).toHaveLength(1);
  });

  it('counts a fill’s position or balance update as news too (its trade may be the message lost)', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    await vi.advanceTimersByTimeAsync(AUDIT_GAP_MS);
    const position = {
      id: 1,
      accountId: 7,
      contractId: 'CON.F.US.MNQ.U25',
      creationTimestamp: '2026-11-25T15:00:00Z',
      type: 1,
      size: 0,
      averagePrice: 100,
    };
    w.audit.onEvent({ kind: 'position', source: 'hub', receivedAt: Date.now(), position });
    await settle();
    expect(w.reads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(AUDIT_GAP_MS);
    const account = w.state().accounts['7']?.account;
    if (!account) throw new Error('no account');
    w.audit.onEvent({
      kind: 'account',
      source: 'hub',
      receivedAt: Date.now(),
      account: { ...account, balance: 49_000 },
    });
    await settle();
    expect(w.reads).toHaveLength(3);
  });

  it('reads again on the next trading day as soon as the account is near, new trade or not', async () => {
    const w = world({ loss: 0 });
    w.event(120);
    await settle();
    vi.setSystemTime(NOW + 3_600_000);
    const next = { key: '2026-11-26', start: DAY.nextReset, nextReset: DAY.nextReset + 86_400_000 };
    w.nextDay(next);
    const account = w.state().accounts['7'];
    if (!account) throw new Error('no account');
    w.setState({ ...w.state(), accounts: { '7': { ...account, tradingDay: next.key } } });
    w.event(150, 'hub', 'tick');
    await settle();
    expect(w.reads).toHaveLength(2);
  });

  it('journals an audit that found missed trades and counts it', async () => {
    const w = world({ loss: 0, missed: 2 });
    w.event(131.86);
    await settle();
    expect(w.audit.stats()).toEqual({ runs: 1, foundMissed: 1, missedTrades: 2, failed: 0 });
    expect(w.journal.entries).toEqual([
      expect.objectContaining({
        kind: 'missed-event',
        accountId: 7,
        ruleId: 'dailyRealizedLoss',
        message: 'the daily loss audit fed in 2 trades the hub missed (it began at Daily loss $131.86 of $200)',
      }),
    ]);
  });

  it('after a failed read tries again once the gap is over while the account stays near', async () => {
    const w = world({ loss: 0, fail: true });
    w.event(150);
    await settle();
    expect(w.audit.stats()).toMatchObject({ runs: 1, failed: 1 });
    w.failReads(false);
    await vi.advanceTimersByTimeAsync(AUDIT_GAP_MS);
    expect(w.reads).toHaveLength(2);
    expect(w.audit.stats()).toMatchObject({ runs: 2, failed: 1 });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(w.reads).toHaveLength(2);
  });

  it('reads nothing without a token, and nothing once the guard stopped (its timer cleared)', async () => {
    const w = world({ loss: 0 });
    w.setState({ ...w.state(), health: { ...w.state().health, token: 'none' } });
    w.event(150);
    await settle();
    expect(w.reads).toHaveLength(0);

    const s = world({ loss: 0 });
    s.event(120);
    await settle();
    s.event(130); // waits for the gap's end
    s.audit.stop();
    s.stopRunning();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    s.event(140);
    await settle();
    expect(s.reads).toHaveLength(1);
  });

  it('also watches dailyNetLoss when it enforces (the realized part of its figure is the same trades)', async () => {
    const c = config({ mode: 'off' });
    c.defaultProfile.rules.dailyNetLoss = {
      ...c.defaultProfile.rules.dailyNetLoss,
      mode: 'enforce',
      firmLimit: 1000,
      buffer: 100,
    };
    const w = world({ loss: 0, config: c });
    w.event(400); // 44 % of $900
    await settle();
    expect(w.reads).toHaveLength(0);
    w.event(460); // 51 %
    await settle();
    expect(w.reads).toHaveLength(1);
  });
});
