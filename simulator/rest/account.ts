import { z } from 'zod';
import { ok, parseBody, type RestHandler } from './common';

const SearchBody = z.object({ onlyActiveAccounts: z.boolean() });

/** Account/search: the caller's accounts (onlyActiveAccounts keeps the visible ones). */
export const accountSearch: RestHandler = (req, deps) => {
  const p = parseBody(SearchBody, req.body);
  if (!p.ok) return p.reply;
  const accounts = deps.engine.accountsOf(req.userName ?? '');
  return ok({ accounts: p.value.onlyActiveAccounts ? accounts.filter((a) => a.isVisible) : accounts });
};
