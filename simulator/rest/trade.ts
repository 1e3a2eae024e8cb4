import { z } from 'zod';
import { ok, ownAccount, parseBody, parseTime, type RestHandler } from './common';

/** Trade/search by creation time. */
const SearchBody = z.object({
  accountId: z.number().int(),
  startTimestamp: z.string(),
  endTimestamp: z.string().nullable().optional(),
});

export const tradeSearch: RestHandler = (req, deps) => {
  const p = parseBody(SearchBody, req.body);
  if (!p.ok) return p.reply;
  const denied = ownAccount(deps, req, p.value.accountId);
  if (denied) return denied;
  const from = parseTime(p.value.startTimestamp);
  const to = parseTime(p.value.endTimestamp);
  if (from === null || Number.isNaN(from) || Number.isNaN(to ?? 0))
    return { status: 400, body: { title: 'Invalid startTimestamp/endTimestamp.', status: 400 } };
  const trades = deps.engine.trades(p.value.accountId).filter((t) => {
    const at = Date.parse(t.creationTimestamp);
    return at >= from && (to === null || at <= to);
  });
  return ok({ trades });
};
