import type { z } from 'zod';
import type { Sessions } from '../auth/sessions';
import type { SimContract } from '../catalogue';
import type { Engine } from '../engine/engine';
import type { PriceBook } from '../prices';
import type { TimeFormatter } from '../time-format';

/** What every REST handler gets and returns. Business failures are HTTP 200 with success:false. */
export interface RestDeps {
  engine: Engine;
  sessions: Sessions;
  contracts: SimContract[];
  prices: PriceBook;
  fmt: TimeFormatter;
  now: () => number;
}

export interface RestRequest {
  userName: string | null;
  token: string | null;
  body: Record<string, unknown>;
}

export interface RestReply {
  status: number;
  body: unknown;
  /** Plain text instead of JSON (Status/ping). */
  text?: string;
}

export type RestHandler = (req: RestRequest, deps: RestDeps) => RestReply;

export const ok = (payload: Record<string, unknown> = {}): RestReply => ({
  status: 200,
  body: { ...payload, success: true, errorCode: 0, errorMessage: null },
});

export const bizFail = (errorCode: number, errorMessage: string, payload: Record<string, unknown> = {}): RestReply => ({
  status: 200,
  body: { ...payload, success: false, errorCode, errorMessage },
});

/** ASP.NET-style validation problem (application/problem+json). */
export const badRequest = (errors: Record<string, string[]>): RestReply => ({
  status: 400,
  body: {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    errors,
  },
});

/** Parse a body with a zod schema; a bad body becomes the 400 problem, never a throw. */
export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; reply: RestReply } {
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, string[]> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '$';
    errors[key] = [...(errors[key] ?? []), issue.message];
  }
  return { ok: false, reply: badRequest(errors) };
}

/** The account when it exists and belongs to the caller; otherwise the business failure. */
export function ownAccount(deps: RestDeps, req: RestRequest, accountId: number): RestReply | null {
  const acct = deps.engine.account(accountId);
  if (!acct || acct.userName !== req.userName) return bizFail(1, `Account ${accountId} not found.`);
  return null;
}

export function parseTime(v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? Number.NaN : t;
}
