import { z } from 'zod';
import { ModifyOrderBodySchema, PlaceOrderBodySchema } from '../../src/core/gateway/endpoints';
import { OrderStatus } from '../../src/core/gateway/enums';
import { bizFail, ok, ownAccount, parseBody, parseTime, type RestHandler } from './common';

/**
 * Order/search, searchOpen, searchById, place, cancel, modify. The place and modify bodies are
 * parsed with the guard's own schemas (src/core/gateway/endpoints.ts): one definition of what
 * the gateway takes, on both ends of the wire.
 */
const int = z.number().int();

const SearchBody = z.object({
  accountId: int,
  startTimestamp: z.string(),
  endTimestamp: z.string().nullable().optional(),
});
const AccountBody = z.object({ accountId: int });
const ByIdBody = z.object({ accountId: int, orderId: int });

export const orderSearch: RestHandler = (req, deps) => {
  const p = parseBody(SearchBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const from = parseTime(p.value.startTimestamp);
  const to = parseTime(p.value.endTimestamp);
  if (from === null || Number.isNaN(from) || Number.isNaN(to ?? 0))
    return { status: 400, body: { title: 'Invalid startTimestamp/endTimestamp.', status: 400 } };
  const orders = deps.engine
    .orders(p.value.accountId)
    .filter((o) => o.createdAt >= from && (to === null || o.createdAt <= to))
    .map((o) => o.order);
  return ok({ orders });
};

/** Working orders, without Suspended bracket children (as the real one may). */
export const orderSearchOpen: RestHandler = (req, deps) => {
  const p = parseBody(AccountBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const orders = deps.engine
    .orders(p.value.accountId)
    .filter((o) => o.order.status === OrderStatus.Open || o.order.status === OrderStatus.Pending)
    .map((o) => o.order);
  return ok({ orders });
};

export const orderSearchById: RestHandler = (req, deps) => {
  const p = parseBody(ByIdBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const st = deps.engine.order(p.value.orderId);
  if (!st || st.order.accountId !== p.value.accountId)
    return bizFail(2, `Order ${p.value.orderId} not found.`, { order: null, orders: [] });
  return ok({ order: st.order, orders: [st.order] });
};

export const orderPlace: RestHandler = (req, deps) => {
  const p = parseBody(PlaceOrderBodySchema, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return { ...denied, body: { ...(denied.body as object), orderId: null } };
  const r = deps.engine.place(p.value.accountId, p.value, 'api');
  return r.ok ? ok({ orderId: r.orderId }) : bizFail(r.errorCode, r.errorMessage, { orderId: null });
};

export const orderCancel: RestHandler = (req, deps) => {
  const p = parseBody(ByIdBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const r = deps.engine.cancel(p.value.accountId, p.value.orderId, 'api');
  return r.ok ? ok() : bizFail(r.errorCode, r.errorMessage);
};

export const orderModify: RestHandler = (req, deps) => {
  const p = parseBody(ModifyOrderBodySchema, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const r = deps.engine.modify(p.value.accountId, p.value.orderId, p.value, 'api');
  return r.ok ? ok() : bizFail(r.errorCode, r.errorMessage);
};
