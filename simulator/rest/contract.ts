import { z } from 'zod';
import { toApiContract } from '../catalogue';
import { bizFail, ok, parseBody, type RestHandler } from './common';

/** Contract/search (at most 20), Contract/searchById, Contract/available. */
const SearchBody = z.object({ searchText: z.string().nullable().optional(), live: z.boolean() });
const ByIdBody = z.object({ contractId: z.string() });
const AvailableBody = z.object({ live: z.boolean() });

export const contractSearch: RestHandler = (req, deps) => {
  const p = parseBody(SearchBody, req.body);
  if (!p.ok) return p.reply;
  const text = (p.value.searchText ?? '').trim().toLowerCase();
  const hits = deps.contracts.filter(
    (c) =>
      text === '' ||
      c.name.toLowerCase().includes(text) ||
      c.description.toLowerCase().includes(text) ||
      c.symbolId.toLowerCase().includes(text),
  );
  return ok({ contracts: hits.slice(0, 20).map(toApiContract) });
};

export const contractSearchById: RestHandler = (req, deps) => {
  const p = parseBody(ByIdBody, req.body);
  if (!p.ok) return p.reply;
  const c = deps.contracts.find((x) => x.id === p.value.contractId);
  if (!c) return bizFail(8, `Contract ${p.value.contractId} not found.`, { contract: null });
  return ok({ contract: toApiContract(c) });
};

export const contractAvailable: RestHandler = (req, deps) => {
  const p = parseBody(AvailableBody, req.body);
  if (!p.ok) return p.reply;
  return ok({ contracts: deps.contracts.filter((c) => c.activeContract).map(toApiContract) });
};
