import { describe, expect, it } from 'vitest';
import { tradeFrequencyRule as rule } from '../../../../../src/core/rules/evaluation/trade-frequency';
import { accountState, DAY, enforcements, NOW, runRule, trade, tradeEvent, warnings } from '../fixtures';

const at = (msAgo: number) => new Date(NOW - msAgo).toISOString();
/** n orders, one fill each, `spacing` ms apart ending 1 s ago. */
function orders(n: number, spacing: number, firstOrderId = 1) {
  return Array.from({ length: n }, (_, i) =>
    trade({ orderId: firstOrderId + i, creationTimestamp: at(1000 + i * spacing) }),
  );
}
const only = (s: Partial<{ perMinute: number | null; perHour: number | null; perDay: number | null }>) => ({
  perMinute: null,
  perHour: null,
  perDay: null,
  ...s,
});

describe('tradeFrequency', () => {
  it.each([
    { n: 2, cooldown: false },
    { n: 3, cooldown: false },
    { n: 4, cooldown: true },
  ])('3 per minute: $n orders in the last minute → cooldown $cooldown', ({ n, cooldown }) => {
    const trades = orders(n, 5000);
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[0]!),
      settings: only({ perMinute: 3 }),
    });
    const e = enforcements(r.decisions);
    expect(e).toHaveLength(cooldown ? 1 : 0);
    if (cooldown) {
      expect(e[0]?.lockout).toEqual({
        kind: 'cooldown',
        end: { type: 'at', at: NOW + 60_000 },
        scope: { type: 'account' },
      });
    }
  });

  it('counts the partial fills of one order once', () => {
    const trades = [1, 1, 1, 2, 2, 3].map((orderId) => trade({ orderId, creationTimestamp: at(2000) }));
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[0]!),
      settings: only({ perMinute: 3 }),
    });
    expect(enforcements(r.decisions)).toHaveLength(0);
  });

  it('counts a fill stamped slightly ahead of the local clock (server clock skew)', () => {
    const trades = [...orders(3, 1000), trade({ orderId: 77, creationTimestamp: new Date(NOW + 800).toISOString() })];
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[3]!),
      settings: only({ perMinute: 3 }),
    });
    expect(enforcements(r.decisions)).toHaveLength(1);
  });

  it('ignores voided trades', () => {
    const trades = [...orders(3, 1000), trade({ orderId: 99, voided: true, creationTimestamp: at(500) })];
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[3]!),
      settings: only({ perMinute: 3 }),
    });
    expect(enforcements(r.decisions)).toHaveLength(0);
  });

  it('orders older than the minute do not count for it, but count for the hour (cooldown one hour)', () => {
    const trades = orders(5, 30_000); // 1 s … 121 s ago
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[0]!),
      settings: only({ perMinute: 3, perHour: 4 }),
    });
    expect(enforcements(r.decisions)).toMatchObject([
      { figures: { window: 'hour', orders: 5 }, lockout: { end: { type: 'at', at: NOW + 3_600_000 } } },
    ]);
  });

  it('counts an order filled exactly a minute ago out of the last minute', () => {
    const trades = [...orders(3, 1000), trade({ orderId: 88, creationTimestamp: at(60_000) })];
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[0]!),
      settings: only({ perMinute: 3 }),
    });
    expect(enforcements(r.decisions)).toEqual([]);
    expect(warnings(r.decisions)).toMatchObject([{ figures: { window: 'minute', orders: 3 } }]);
  });

  it('the day window cools down until the next reset', () => {
    const trades = orders(6, 600_000);
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[0]!),
      settings: only({ perDay: 5 }),
    });
    expect(enforcements(r.decisions)[0]?.lockout?.end).toEqual({ type: 'next-reset' });
    expect(r.memory.latches['tradeFrequency|day']?.until).toBe(DAY.nextReset);
  });

  it('takes one cooldown per window until it ends, then counts again', () => {
    const trades = orders(4, 1000);
    const spec = { account: accountState({ trades }), event: tradeEvent(trades[0]!), settings: only({ perMinute: 3 }) };
    const first = runRule(rule, spec);
    const during = runRule(rule, { ...spec, memory: first.memory, now: NOW + 30_000 });
    expect(enforcements(during.decisions)).toHaveLength(0);
    const more = orders(4, 1000, 50).map((t) => ({ ...t, creationTimestamp: new Date(NOW + 60_000).toISOString() }));
    const after = runRule(rule, {
      ...spec,
      account: accountState({ trades: [...trades, ...more] }),
      memory: during.memory,
      now: NOW + 61_000,
    });
    expect(enforcements(after.decisions)).toHaveLength(1);
  });

  it('warns as the count approaches a window limit', () => {
    const trades = orders(8, 60_000);
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[0]!),
      settings: only({ perDay: 10 }),
    });
    expect(warnings(r.decisions)).toMatchObject([{ level: 0.8, figures: { window: 'day' } }]);
  });

  it('gives the 95 % warning at exactly the limit (3 of 3 orders this minute), since the next order breaches it', () => {
    const trades = orders(3, 5_000);
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[2]!),
      settings: only({ perMinute: 3 }),
    });
    expect(enforcements(r.decisions)).toEqual([]);
    expect(warnings(r.decisions)).toMatchObject([
      { level: 0.95, fraction: 1, figures: { window: 'minute', orders: 3 } },
    ]);
  });
});
