import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createEventParser } from '../../../../src/core/realtime/event-parser';

const clock = { now: () => 1_700_000_000_000 };

const account = { id: 7, name: 'COMBINE-50K', balance: 50_000, canTrade: true, isVisible: true, simulated: true };
const order = {
  id: 101,
  accountId: 7,
  contractId: 'CON.F.US.MNQ.U25',
  creationTimestamp: '2026-11-25T14:30:00.1234567+00:00',
  updateTimestamp: '2026-11-25T14:30:01+00:00',
  status: 1,
  type: 1,
  side: 0,
  size: 2,
  limitPrice: 21_000.25,
  stopPrice: null,
  fillVolume: 0,
  filledPrice: null,
  customTag: null,
};
const position = {
  id: 55,
  accountId: 7,
  contractId: 'CON.F.US.MNQ.U25',
  creationTimestamp: '2026-11-25T14:30:02+00:00',
  type: 1,
  size: 2,
  averagePrice: 21_000.25,
};
const trade = {
  id: 900,
  accountId: 7,
  contractId: 'CON.F.US.MNQ.U25',
  creationTimestamp: '2026-11-25T14:30:02+00:00',
  price: 21_000.25,
  profitAndLoss: null,
  fees: 0.74,
  side: 0,
  size: 2,
  voided: false,
  orderId: 101,
};
const quote = { symbol: 'F.US.MNQ', lastPrice: 21_001.5, bestBid: 21_001.25, bestAsk: 21_001.5, timestamp: 'x' };

function setup() {
  const journal = createMemoryJournal();
  return { parser: createEventParser({ clock, journal }), journal };
}

describe('createEventParser: user hub', () => {
  const cases: Array<[string, string, unknown, string]> = [
    ['GatewayUserAccount', 'account', account, 'account'],
    ['GatewayUserOrder', 'order', order, 'order'],
    ['GatewayUserPosition', 'position', position, 'position'],
    ['GatewayUserTrade', 'trade', trade, 'trade'],
  ];

  it.each(cases)('parses %s in the documented form (payload only)', (event, kind, payload, field) => {
    const { parser } = setup();
    const events = parser.parse('user', event, [payload]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind, source: 'hub', receivedAt: clock.now(), [field]: payload });
  });

  it.each(cases)('parses %s wrapped as { action, data }', (event, kind, payload) => {
    const { parser } = setup();
    const events = parser.parse('user', event, [{ action: 1, data: payload }]);
    expect(events.map((e) => e.kind)).toEqual([kind]);
  });

  it.each(cases)('parses %s preceded by the account id', (event, kind, payload) => {
    const { parser } = setup();
    expect(parser.parse('user', event, [7, payload]).map((e) => e.kind)).toEqual([kind]);
    expect(parser.parse('user', event, ['7', { action: 0, data: payload }]).map((e) => e.kind)).toEqual([kind]);
  });

  it('accepts arrays of payloads in every form', () => {
    const { parser } = setup();
    const second = { ...order, id: 102 };
    expect(parser.parse('user', 'GatewayUserOrder', [[order, second]])).toHaveLength(2);
    expect(parser.parse('user', 'GatewayUserOrder', [{ action: 1, data: [order, second] }])).toHaveLength(2);
    expect(parser.parse('user', 'GatewayUserOrder', [7, [order, { action: 1, data: second }]])).toHaveLength(2);
    expect(parser.stats().accepted).toBe(6);
  });

  it('keeps unknown extra fields and exact numbers', () => {
    const { parser } = setup();
    const [event] = parser.parse('user', 'GatewayUserTrade', [{ ...trade, price: 6335.25, extra: 'x' }]);
    expect(event?.kind === 'trade' && event.trade.price).toBe(6335.25);
    expect(event?.kind === 'trade' && (event.trade as Record<string, unknown>).extra).toBe('x');
  });

  it('rejects an account prefix that does not match the payload', () => {
    const { parser } = setup();
    expect(parser.parse('user', 'GatewayUserOrder', [8, order])).toEqual([]);
    expect(parser.stats().rejected).toBe(1);
    expect(Object.keys(parser.stats().byReason)[0]).toMatch(/account prefix/);
  });
});

describe('createEventParser: market hub', () => {
  it('parses GatewayQuote(contractId, data) into a quote event', () => {
    const { parser } = setup();
    const [event] = parser.parse('market', 'GatewayQuote', ['CON.F.US.MNQ.U25', quote]);
    expect(event).toMatchObject({ kind: 'quote', contractId: 'CON.F.US.MNQ.U25', quote: { lastPrice: 21_001.5 } });
  });

  it('parses a wrapped quote', () => {
    const { parser } = setup();
    expect(parser.parse('market', 'GatewayQuote', ['CON.F.US.MNQ.U25', { action: 1, data: quote }])).toHaveLength(1);
  });

  it('turns exchange trades into one price update at the last traded price', () => {
    const { parser } = setup();
    const events = parser.parse('market', 'GatewayTrade', [
      'CON.F.US.MNQ.U25',
      [
        { symbolId: 'F.US.MNQ', price: 21_000, timestamp: 't1', type: 0, volume: 1 },
        { symbolId: 'F.US.MNQ', price: 21_000.5, timestamp: 't2', type: 1, volume: 3 },
      ],
    ]);
    expect(events).toEqual([
      {
        kind: 'quote',
        source: 'hub',
        receivedAt: clock.now(),
        contractId: 'CON.F.US.MNQ.U25',
        quote: { lastPrice: 21_000.5, timestamp: 't2' },
      },
    ]);
  });

  it('validates depth and counts it as ignored (no rule reads the book)', () => {
    const { parser } = setup();
    const events = parser.parse('market', 'GatewayDepth', [
      'CON.F.US.MNQ.U25',
      [{ price: 21_000, volume: 5, type: 1, timestamp: 't' }],
    ]);
    expect(events).toEqual([]);
    expect(parser.stats()).toMatchObject({ ignored: 1, rejected: 0 });
    parser.parse('market', 'GatewayDepth', ['CON.F.US.MNQ.U25', [{ price: 'x' }]]);
    expect(parser.stats().rejected).toBe(1);
  });

  it('rejects a market event without a contract id', () => {
    const { parser } = setup();
    expect(parser.parse('market', 'GatewayQuote', [quote])).toEqual([]);
    expect(parser.parse('market', 'GatewayQuote', [42, quote])).toEqual([]);
    expect(parser.stats().rejected).toBe(2);
  });
});

describe('createEventParser: garbage', () => {
  const garbage: Array<[string, string, unknown[]]> = [
    ['no arguments', 'GatewayUserOrder', []],
    ['null payload', 'GatewayUserOrder', [null]],
    ['a string', 'GatewayUserOrder', ['hello']],
    ['wrong types', 'GatewayUserOrder', [{ ...order, id: 'abc' }]],
    ['missing fields', 'GatewayUserPosition', [{ id: 1 }]],
    ['three arguments', 'GatewayUserTrade', [7, trade, trade]],
    ['non-numeric prefix', 'GatewayUserTrade', [{}, trade]],
    ['empty array', 'GatewayUserTrade', [[]]],
    ['one bad item in an array', 'GatewayUserTrade', [[trade, { ...trade, size: 'two' }]]],
    ['unknown event', 'GatewayUserSomething', [trade]],
    ['a number', 'GatewayUserAccount', [3]],
  ];

  it.each(garbage)('rejects %s: counted, journaled, never thrown', (_name, event, args) => {
    const { parser, journal } = setup();
    expect(() => parser.parse('user', event, args)).not.toThrow();
    expect(parser.parse('user', event, args)).toEqual([]);
    expect(parser.stats()).toMatchObject({ accepted: 0, rejected: 2 });
    expect(journal.entries[0]).toMatchObject({ kind: 'malformed-event', accountId: null });
  });

  it('journals the shape of the arguments, never their values', () => {
    const { parser, journal } = setup();
    parser.parse('user', 'GatewayUserOrder', [{ ...order, id: 'abc', customTag: 'secret-ish' }]);
    const entry = journal.entries[0];
    expect(entry?.message).toMatch(/invalid order \(id:/);
    expect(JSON.stringify(entry)).not.toContain('secret-ish');
    expect(entry?.data?.args).toEqual([expect.stringMatching(/^object\{id,accountId/)]);
  });

  it('journals the first rejection of each kind once, redacted, and counts every one by kind', () => {
    const journal = createMemoryJournal();
    const parser = createEventParser({ clock: { now: () => 0 }, journal });
    for (let k = 0; k < 50; k++) parser.parse('user', 'GatewayUserOrder', [null]);
    parser.parse('user', 'GatewayUserTrade', [987654321, { ...trade, accountId: 123456789 }]);
    parser.parse('user', 'GatewayUserTrade', [null]);
    expect(parser.stats().rejected).toBe(52);
    expect(parser.stats().byKind).toEqual({ 'user:GatewayUserOrder': 50, 'user:GatewayUserTrade': 2 });
    expect(journal.entries).toHaveLength(2);
    // The account ids in the reason never reach the journal.
    expect(JSON.stringify(journal.entries)).not.toMatch(/987654321|123456789/);
  });

  it('rejects a user event arriving on the market hub', () => {
    const { parser } = setup();
    expect(parser.parse('market', 'GatewayUserOrder', [order])).toEqual([]);
    expect(parser.stats().rejected).toBe(1);
  });
});
