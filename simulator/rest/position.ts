import { z } from 'zod';
import { bizFail, ok, ownAccount, parseBody, type RestHandler } from './common';

/** Position/searchOpen, closeContract, partialCloseContract (5 = invalid size). */
const AccountBody = z.object({ accountId: z.number().int() });
const CloseBody = z.object({ accountId: z.number().int(), contractId: z.string() });
const PartialBody = z.object({ accountId: z.number().int(), contractId: z.string(), size: z.number().int() });

export const positionSearchOpen: RestHandler = (req, deps) => {
  const p = parseBody(AccountBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  return ok({ positions: deps.engine.positions(p.value.accountId) });
};

export const positionClose: RestHandler = (req, deps) => {
  const p = parseBody(CloseBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const r = deps.engine.close(p.value.accountId, p.value.contractId, undefined, 'api');
  return r.ok ? ok() : bizFail(r.errorCode, r.errorMessage);
};

export const positionPartialClose: RestHandler = (req, deps) => {
  const p = parseBody(PartialBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const r = deps.engine.close(p.value.accountId, p.value.contractId, p.value.size, 'api');
  return r.ok ? ok() : bizFail(r.errorCode, r.errorMessage);
};
