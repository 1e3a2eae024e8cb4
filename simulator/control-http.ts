import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../src/core/error-message';
import { PlaceOrderBodySchema } from '../src/core/gateway/endpoints';
import type { FaultSpec, HubKind, PayloadForm, Simulator } from './types';

/**
 * The JSON control API for the CLI and the demo (`POST /control/<action>` with a JSON body;
 * `GET /control` describes the simulator). Answers `{ ok: true, result }` or
 * `{ ok: false, error }` with HTTP 400. Actions:
 *   info · faults/add {spec} · faults/remove {id} · faults/clear · faults/fired · faults/release
 *   dropSockets {hub?, graceful?, error?} · refuseConnections {ms, hub?} · closeHubs · openHubs
 *   unreachable · reachable (REST connections reset on arrival and hubs closed, and back)
 *   revokeTokens {userName?} · logout {userName?} · setCanTrade {accountId, canTrade}
 *   revokeApiKey {userName?} · restoreApiKey {userName?} (sign-in refused, tokens dead; and back)
 *   voidTrade {accountId, tradeId} → the voided trade (its P&L and costs leave the balance)
 *   price {contractId} · setPrice {contractId, price} · script {contractId, prices} · step
 *   session → {session: 'open' | 'break' | 'weekend'} (market hours; always 'open' when off)
 *   trader/place {accountId, order} · trader/cancel {accountId, orderId} · trader/close {accountId, contractId}
 *   trader/modify {accountId, orderId, change}
 *   ledger/truth {accountId, at?} · ledger/entries {filter?} · ledger/overCloses · ledger/ordersWithTag {accountId, customTag}
 *   requests {endpoint?} · requests/clear · hubs/connections {hub?} · hubs/form {form, hub?}
 *   rateLimits {userName, bucket}
 */
type Body = Record<string, unknown>;

/** The trader's order is an Order/place body without the account (named beside it). */
const TraderOrderSchema = PlaceOrderBodySchema.omit({ accountId: true });
type Action = (sim: Simulator, b: Body) => unknown;

const str = (b: Body, k: string): string => {
  const v = b[k];
  if (typeof v !== 'string') throw new Error(`${k} must be a string`);
  return v;
};
const num = (b: Body, k: string): number => {
  const v = b[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${k} must be a number`);
  return v;
};
const optStr = (b: Body, k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
const hubOf = (b: Body): HubKind | undefined => optStr(b, 'hub') as HubKind | undefined;

function info(sim: Simulator) {
  return {
    restUrl: sim.restUrl,
    userHubUrl: sim.userHubUrl,
    marketHubUrl: sim.marketHubUrl,
    controlUrl: sim.controlUrl,
    demo: sim.demo,
    contracts: sim.contracts.map((c) => c.id),
  };
}

const ACTIONS: Record<string, Action> = {
  info,
  'faults/add': (s, b) => ({ id: s.faults.add(b.spec as FaultSpec) }),
  'faults/remove': (s, b) => s.faults.remove(str(b, 'id')),
  'faults/clear': (s) => s.faults.clear(),
  'faults/fired': (s) => s.faults.fired(),
  'faults/release': (s) => s.faults.release(),
  dropSockets: (s, b) => ({
    dropped: s.faults.dropSockets({ hub: hubOf(b), graceful: b.graceful === true, error: optStr(b, 'error') }),
  }),
  refuseConnections: (s, b) => s.faults.refuseConnections(num(b, 'ms'), hubOf(b)),
  closeHubs: (s) => s.faults.closeHubs(),
  unreachable: (s) => s.faults.unreachable(),
  reachable: (s) => s.faults.reachable(),
  openHubs: (s) => s.faults.openHubs(),
  revokeTokens: (s, b) => s.faults.revokeTokens(optStr(b, 'userName')),
  revokeApiKey: (s, b) => s.faults.revokeApiKey(optStr(b, 'userName')),
  restoreApiKey: (s, b) => s.faults.restoreApiKey(optStr(b, 'userName')),
  logout: (s, b) => s.faults.logout(optStr(b, 'userName')),
  setCanTrade: (s, b) => s.faults.setCanTrade(num(b, 'accountId'), b.canTrade === true),
  voidTrade: (s, b) => s.faults.voidTrade(num(b, 'accountId'), num(b, 'tradeId')),
  price: (s, b) => ({ price: s.market.price(str(b, 'contractId')) }),
  setPrice: (s, b) => s.market.setPrice(str(b, 'contractId'), num(b, 'price')),
  script: (s, b) => {
    const prices = b.prices;
    if (!Array.isArray(prices) || !prices.every((p) => typeof p === 'number'))
      throw new Error('prices must be numbers');
    s.market.script(str(b, 'contractId'), prices);
  },
  step: (s) => s.market.step(),
  session: (s) => ({ session: s.market.session() }),
  'trader/place': (s, b) => ({ orderId: s.trader.placeOrder(num(b, 'accountId'), TraderOrderSchema.parse(b.order)) }),
  'trader/cancel': (s, b) => s.trader.cancelOrder(num(b, 'accountId'), num(b, 'orderId')),
  'trader/close': (s, b) => s.trader.closePosition(num(b, 'accountId'), str(b, 'contractId')),
  'trader/modify': (s, b) =>
    s.trader.modifyOrder(
      num(b, 'accountId'),
      num(b, 'orderId'),
      (b.change ?? {}) as Parameters<Simulator['trader']['modifyOrder']>[2],
    ),
  'ledger/truth': (s, b) => s.ledger.truth(num(b, 'accountId'), typeof b.at === 'number' ? b.at : undefined),
  'ledger/entries': (s, b) => s.ledger.entries(b.filter as Parameters<Simulator['ledger']['entries']>[0]),
  'ledger/overCloses': (s) => s.ledger.overCloses(),
  'ledger/ordersWithTag': (s, b) => s.ledger.ordersWithTag(num(b, 'accountId'), str(b, 'customTag')),
  'ledger/lastSeq': (s) => ({ lastSeq: s.ledger.lastSeq() }),
  requests: (s, b) => s.requests.list(optStr(b, 'endpoint')),
  'requests/clear': (s) => s.requests.clear(),
  'hubs/connections': (s, b) => s.hubs.connections(hubOf(b)),
  'hubs/form': (s, b) => s.hubs.setPayloadForm(str(b, 'form') as PayloadForm, hubOf(b)),
  rateLimits: (s, b) => ({
    used: s.rateLimits.used(str(b, 'userName'), str(b, 'bucket') as 'general' | 'bars'),
    rejected: s.rateLimits.rejected(),
  }),
};

export const CONTROL_ACTIONS: readonly string[] = Object.keys(ACTIONS);

export function createControlHandler(getSim: () => Simulator): (req: IncomingMessage, res: ServerResponse) => void {
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body ?? null));
  };
  return (req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/control\/?/, '');
      const name = path === '' ? 'info' : path;
      const action = ACTIONS[name];
      if (!action) return reply(res, 404, { ok: false, error: `unknown action ${name}`, actions: CONTROL_ACTIONS });
      try {
        const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
        const body = typeof parsed === 'object' && parsed !== null ? (parsed as Body) : {};
        const result = action(getSim(), body);
        reply(res, 200, { ok: true, result: result ?? null });
      } catch (err) {
        reply(res, 400, { ok: false, error: errorMessage(err) });
      }
    });
  };
}
