import type { z } from 'zod';
import { errorMessage } from '../../src/core/error-message';
import { AUTH_ENDPOINTS, ENDPOINTS } from '../../src/core/gateway/endpoints';
import {
  AccountSchema,
  ContractSchema,
  EnvelopeSchema,
  OrderSchema,
  PositionSchema,
  QuoteSchema,
  TradeSchema,
} from '../../src/core/gateway/schemas';
import { createEventParser } from '../../src/core/realtime/event-parser';
import { DepthEntrySchema, MarketTradeSchema, WrappedPayloadSchema } from '../../src/core/realtime/hub-schemas';
import type { HubTransport, HubTransportFactory } from '../../src/core/realtime/hub-transport';
import {
  accountsSubscription,
  contractSubscriptions,
  userAccountSubscriptions,
} from '../../src/core/realtime/subscription-registry';
import type { HubName } from '../../src/core/state/events';
import { createTradingDayClock } from '../../src/core/state/trading-day';
import type { ProbeArgs } from './args';
import { createTally, type ProbeReport, redact, summary } from './report';

/**
 * The probe: signs in with the user's key, READS (accounts, contracts, open positions, open
 * orders, today's trades), listens to both hubs, and runs every payload through the guard's
 * own schemas and event parser. It never places, modifies or cancels anything: the only
 * POSTs it sends are the gateway's read endpoints and the login.
 */
export interface ProbeDeps {
  fetch: typeof globalThis.fetch;
  hubFactory: HubTransportFactory;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Progress lines (never a secret). */
  log?: (line: string) => void;
}

export interface ProbeResult {
  report: ProbeReport;
  /** The report as JSON, redacted. */
  json: string;
  /** The summary lines, redacted; the last is `probe: N payloads, N rejected`. */
  lines: string[];
  exitCode: number;
}

const USER_EVENTS: Record<string, z.ZodType> = {
  GatewayUserAccount: AccountSchema,
  GatewayUserOrder: OrderSchema,
  GatewayUserPosition: PositionSchema,
  GatewayUserTrade: TradeSchema,
};
const MARKET_EVENTS: Record<string, z.ZodType> = {
  GatewayQuote: QuoteSchema,
  GatewayTrade: MarketTradeSchema,
  GatewayDepth: DepthEntrySchema,
};

/** Read-only calls, each with the item schema of the list it answers. */
const READS = {
  accounts: { spec: ENDPOINTS.searchAccounts, list: 'accounts', item: AccountSchema },
  contracts: { spec: ENDPOINTS.availableContracts, list: 'contracts', item: ContractSchema },
  positions: { spec: ENDPOINTS.searchOpenPositions, list: 'positions', item: PositionSchema },
  orders: { spec: ENDPOINTS.searchOpenOrders, list: 'orders', item: OrderSchema },
  trades: { spec: ENDPOINTS.searchTrades, list: 'trades', item: TradeSchema },
} as const;

function unwrap(value: unknown): unknown {
  const w = WrappedPayloadSchema.safeParse(value);
  return w.success ? w.data.data : value;
}

/** The payloads of one hub invocation: `(data)`, `(id, data)`, wrapped or not, one or an array. */
function payloadsOf(hub: HubName, args: readonly unknown[]): unknown[] {
  const data = hub === 'market' || args.length === 2 ? args[1] : args[0];
  const inner = unwrap(data);
  return (Array.isArray(inner) ? inner : [inner]).map(unwrap);
}

export async function runProbe(args: ProbeArgs, apiKey: string, deps: ProbeDeps): Promise<ProbeResult> {
  const started = deps.now();
  const tally = createTally(args.gateway, started);
  const tokens: string[] = [];
  const accountIds: number[] = [];
  const log = deps.log ?? (() => {});
  let token = '';

  const post = async (path: string, body: unknown, auth: boolean): Promise<unknown> => {
    const res = await deps.fetch(`${args.gateway}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(auth ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) throw new Error(`${path}: HTTP ${res.status}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      tally.reject(`REST ${path}`, 'body is not JSON');
      return null;
    }
    const envelope = EnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      tally.reject(`REST ${path}`, `envelope: ${envelope.error.issues[0]?.message ?? 'invalid'}`);
      return null;
    }
    if (!envelope.data.success) throw new Error(`${path}: errorCode ${envelope.data.errorCode}`);
    return json;
  };

  const read = async <K extends keyof typeof READS>(key: K, body: unknown): Promise<Array<Record<string, unknown>>> => {
    const { spec, list, item } = READS[key];
    const kind = `REST ${spec.path}`;
    tally.seen(kind);
    const json = (await post(spec.path, body, true)) as Record<string, unknown> | null;
    if (json === null) return [];
    const items = json[list];
    if (!Array.isArray(items)) {
      tally.reject(kind, `${list}: expected an array`);
      return [];
    }
    const ok: Array<Record<string, unknown>> = [];
    for (const x of items) if (tally.check(kind, item, x)) ok.push(x as Record<string, unknown>);
    return ok;
  };

  const hubs: HubTransport[] = [];
  try {
    // Sign in (the only call without a token). The token is kept for redaction.
    const login = await post(AUTH_ENDPOINTS.login.path, { userName: args.user, apiKey }, false);
    const parsed = AUTH_ENDPOINTS.login.response.safeParse(login);
    if (!parsed.success) throw new Error('login: no token in the answer');
    token = parsed.data.token;
    tokens.push(token);
    log('signed in');

    const accounts = await read('accounts', { onlyActiveAccounts: true });
    for (const a of accounts) if (typeof a.id === 'number') accountIds.push(a.id);
    const contracts = await read('contracts', { live: false });
    const dayStart = new Date(createTradingDayClock().previousReset(deps.now())).toISOString();
    const watched = new Set<string>();
    for (const id of accountIds) {
      for (const p of await read('positions', { accountId: id })) watched.add(String(p.contractId));
      for (const o of await read('orders', { accountId: id })) watched.add(String(o.contractId));
      for (const t of await read('trades', { accountId: id, startTimestamp: dayStart }))
        watched.add(String(t.contractId));
    }
    if (watched.size === 0 && typeof contracts[0]?.id === 'string') watched.add(contracts[0].id);
    log(`read ${accountIds.length} account(s); listening to ${watched.size} contract(s) for ${args.seconds} s`);

    // Both hubs: every invocation through the guard's own parser and its schemas.
    const parser = createEventParser({ clock: { now: deps.now } });
    const listen = (hub: HubName, transport: HubTransport, events: Record<string, z.ZodType>) => {
      for (const [event, schema] of Object.entries(events)) {
        tally.seen(`${hub}:${event}`);
        transport.on(event, (...invocation: unknown[]) => {
          const before = parser.stats();
          parser.parse(hub, event, invocation);
          const after = parser.stats();
          const reason =
            after.rejected > before.rejected
              ? (Object.keys(after.byReason).find((r) => (after.byReason[r] ?? 0) > (before.byReason[r] ?? 0)) ??
                'rejected')
              : null;
          const kind = `${hub}:${event}`;
          const payloads = payloadsOf(hub, invocation);
          payloads.forEach((p, i) => {
            tally.check(kind, schema, p, i === 0 ? reason : null);
          });
          if (payloads.length === 0 && reason) tally.reject(kind, `guard parser: ${reason}`);
        });
      }
    };
    const user = deps.hubFactory({ url: args.userHub, accessTokenFactory: async () => token });
    const market = deps.hubFactory({ url: args.marketHub, accessTokenFactory: async () => token });
    hubs.push(user, market);
    listen('user', user, USER_EVENTS);
    listen('market', market, MARKET_EVENTS);
    await Promise.all([user.start(), market.start()]);
    const userSubs = [accountsSubscription(), ...accountIds.flatMap((id) => userAccountSubscriptions(id))];
    for (const s of userSubs) await user.invoke(s.method, ...s.args);
    for (const c of watched) {
      for (const s of contractSubscriptions(c, { depth: true })) await market.invoke(s.method, ...s.args);
    }
    await deps.sleep(args.seconds * 1000);
  } catch (error) {
    tally.error(errorMessage(error));
  } finally {
    await Promise.all(hubs.map((h) => h.stop().catch(() => undefined)));
  }

  const report = tally.report(args.seconds);
  const secrets = { apiKey, tokens, user: args.user, accountIds };
  const json = redact(JSON.stringify(report, null, 2), secrets);
  const lines = summary(report).map((l) => redact(l, secrets));
  const exitCode = report.totals.rejected > 0 || report.errors.length > 0 ? 1 : 0;
  return { report: JSON.parse(json) as ProbeReport, json, lines, exitCode };
}
