import type { z } from 'zod';
import { createPayloadRejections, type PayloadRejectionStats, shapeOf } from '../gateway/payload-rejections';
import { AccountSchema, OrderSchema, PositionSchema, QuoteSchema, TradeSchema } from '../gateway/schemas';
import type { Journal } from '../journal/journal';
import type { Clock } from '../ports';
import { type DomainEvent, eventAccountId, type HubName } from '../state/events';
import { DepthEntrySchema, MarketTradeSchema, WrappedPayloadSchema } from './hub-schemas';

/**
 * Hub events → DomainEvents. Accepts every payload form seen in the wild:
 *
 *   user hub    Event(data)   Event({ action, data })   Event(accountId, data)   (data may be an array)
 *   market hub  Event(contractId, data)                 (data may be wrapped or an array)
 *
 * Anything else is rejected with a reason, counted in `stats()` (by reason and by kind) and
 * journaled as 'malformed-event' the first time each kind (hub and event name) is rejected,
 * redacted (gateway/payload-rejections.ts: the shape of the arguments, never their values,
 * numbers in the reason replaced by N). A bad frame costs one event, never the connection,
 * and is never silent. `GatewayDepth` is validated and counted as ignored: no rule
 * reads the book. `GatewayTrade` (trades printed on the exchange) becomes a price update
 * (a quote with `lastPrice`), because the last traded price is what P&L is marked to.
 */

/** Rejections (by reason, numbers replaced by N; by kind, `<hub>:<event>`) and what was accepted or ignored. */
export interface ParserStats extends PayloadRejectionStats {
  accepted: number;
  ignored: number;
}

export interface EventParser {
  parse(hub: HubName, event: string, args: readonly unknown[]): DomainEvent[];
  stats(): ParserStats;
}

class Rejection extends Error {}

type UserKind = 'account' | 'order' | 'position' | 'trade';
const USER_EVENTS: Record<string, UserKind> = {
  GatewayUserAccount: 'account',
  GatewayUserOrder: 'order',
  GatewayUserPosition: 'position',
  GatewayUserTrade: 'trade',
};

function userEvent(kind: UserKind, payload: unknown, receivedAt: number): DomainEvent {
  switch (kind) {
    case 'account':
      return { kind, source: 'hub', receivedAt, account: check(AccountSchema, payload, kind) };
    case 'order':
      return { kind, source: 'hub', receivedAt, order: check(OrderSchema, payload, kind) };
    case 'position':
      return { kind, source: 'hub', receivedAt, position: check(PositionSchema, payload, kind) };
    case 'trade':
      return { kind, source: 'hub', receivedAt, trade: check(TradeSchema, payload, kind) };
  }
}

function unwrap(value: unknown): unknown {
  const wrapped = WrappedPayloadSchema.safeParse(value);
  return wrapped.success ? wrapped.data.data : value;
}

/** The payloads inside (possibly wrapped, possibly array) data, each unwrapped too. */
function payloadsOf(data: unknown): unknown[] {
  const inner = unwrap(data);
  const list = Array.isArray(inner) ? inner : [inner];
  if (list.length === 0) throw new Rejection('empty payload array');
  return list.map(unwrap);
}

function check<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
  throw new Rejection(`invalid ${what} (${where})`);
}

function numericId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

export function createEventParser(options: { clock: Clock; journal?: Journal }): EventParser {
  const { clock } = options;
  const stats = { accepted: 0, ignored: 0 };
  const rejections = createPayloadRejections(options);

  function parseUser(kind: UserKind, args: readonly unknown[], receivedAt: number): DomainEvent[] {
    let prefix: number | null = null;
    let data: unknown;
    if (args.length === 1) data = args[0];
    else if (args.length === 2) {
      prefix = numericId(args[0]);
      if (prefix === null) throw new Rejection('two arguments but the first is not an account id');
      data = args[1];
    } else throw new Rejection(`unexpected argument count ${args.length}`);

    return payloadsOf(data).map((payload) => {
      const event = userEvent(kind, payload, receivedAt);
      const accountId = eventAccountId(event);
      if (prefix !== null && accountId !== prefix) {
        throw new Rejection(`account prefix ${prefix} does not match ${kind} account ${accountId}`);
      }
      return event;
    });
  }

  function parseMarket(event: string, args: readonly unknown[], receivedAt: number): DomainEvent[] {
    if (args.length !== 2) throw new Rejection(`unexpected argument count ${args.length}`);
    const contractId = args[0];
    if (typeof contractId !== 'string' || contractId.length === 0) {
      throw new Rejection('first argument is not a contract id');
    }
    const payloads = payloadsOf(args[1]);
    if (event === 'GatewayQuote') {
      return payloads.map((p) => ({
        kind: 'quote',
        source: 'hub',
        receivedAt,
        contractId,
        quote: check(QuoteSchema, p, 'quote'),
      }));
    }
    if (event === 'GatewayTrade') {
      const trades = payloads.map((p) => check(MarketTradeSchema, p, 'market trade'));
      const last = trades[trades.length - 1];
      if (!last) return [];
      return [
        {
          kind: 'quote',
          source: 'hub',
          receivedAt,
          contractId,
          quote: { lastPrice: last.price, ...(last.timestamp ? { timestamp: last.timestamp } : {}) },
        },
      ];
    }
    for (const p of payloads) check(DepthEntrySchema, p, 'depth entry');
    return [];
  }

  function reject(hub: HubName, event: string, args: readonly unknown[], reason: string): void {
    rejections.record({
      // The event name comes from the server: keep it short and plain in the key.
      kind: `${hub}:${event.replace(/[^\w.-]/g, '_').slice(0, 60)}`,
      reason,
      message: (redacted) =>
        `${hub} hub ${event}: ${redacted} (first of its kind; every one is counted in guard health)`,
      data: { hub, event, args: args.map(shapeOf) },
    });
  }

  return {
    parse(hub, event, args) {
      const receivedAt = clock.now();
      try {
        let events: DomainEvent[];
        const userKind = USER_EVENTS[event];
        if (hub === 'user' && userKind) events = parseUser(userKind, args, receivedAt);
        else if (
          hub === 'market' &&
          (event === 'GatewayQuote' || event === 'GatewayTrade' || event === 'GatewayDepth')
        ) {
          events = parseMarket(event, args, receivedAt);
          if (event === 'GatewayDepth') stats.ignored += 1;
        } else throw new Rejection(`unknown event for the ${hub} hub`);
        stats.accepted += events.length;
        return events;
      } catch (error) {
        // Rejections are expected; anything else is a parser bug, still never a crash.
        reject(hub, event, args, error instanceof Rejection ? error.message : `parser error: ${String(error)}`);
        return [];
      }
    },
    stats: () => ({ ...stats, ...rejections.stats() }),
  };
}
