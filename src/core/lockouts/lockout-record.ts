import { z } from 'zod';
import type { LockoutSpec } from '../rules/decision';

/**
 * One lockout or cooldown as it is persisted in the 'lockouts' store. The end is RESOLVED
 * when the lockout is added ('next-reset' becomes the reset's epoch ms), so a worker that
 * wakes after the reset still knows the lockout is over, and one that wakes before still
 * knows it holds.
 */
export const LockoutRecordSchema = z.object({
  id: z.string().min(1),
  accountId: z.number().int(),
  kind: z.enum(['lockout', 'cooldown']),
  scope: z.discriminatedUnion('type', [
    z.object({ type: z.literal('account') }),
    z.object({ type: z.literal('symbol'), root: z.string().min(1) }),
  ]),
  ruleId: z.string(),
  reason: z.string(),
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  start: z.number(),
  end: z.discriminatedUnion('type', [
    z.object({ type: z.literal('at'), at: z.number(), from: z.enum(['at', 'next-reset', 'next-window']) }),
    z.object({ type: z.literal('condition'), condition: z.enum(['can-trade', 'setting-changed']) }),
  ]),
  /** The account whose breach started it (differs from accountId for a copy-trading group member). */
  sourceAccountId: z.number().int(),
  /** LockoutSpec.keep: the positions left open to the trader (absent: the account is kept flat). */
  keep: z.record(z.string(), z.number().min(0)).optional(),
});

export type Lockout = z.infer<typeof LockoutRecordSchema>;

/** The merge key: one time-based record per account and scope, one per condition and source. */
export function lockoutKey(l: Pick<Lockout, 'accountId' | 'scope' | 'end' | 'sourceAccountId' | 'keep'>): string {
  // A lockout that keeps positions open is its own record: merged with a flat one it would
  // either flatten what it promised to leave or leave what the other must close.
  const scope = l.scope.type === 'account' ? (l.keep ? 'account-keep' : 'account') : `symbol:${l.scope.root}`;
  const end = l.end.type === 'at' ? 'time' : `condition:${l.end.condition}:${l.sourceAccountId}`;
  return `${l.accountId}|${scope}|${end}`;
}

export function isActive(l: Lockout, now: number): boolean {
  return l.end.type === 'condition' || l.end.at > now;
}

/** What the lockout book needs of the calendar; the state branch's trading-day clock satisfies it (plus an optional window clock). */
export interface LockoutCalendar {
  /** Epoch ms of the first trading-day reset strictly after `ms`. */
  nextReset(ms: number): number;
  /** Epoch ms at which the account's next allowed trading window opens (`tradingHours`). */
  nextWindowStart?(ms: number, accountId: number): number;
}

/** The end as stored: 'next-reset' and 'next-window' become absolute times when the lockout starts. */
export function resolveEnd(
  spec: LockoutSpec,
  tradingDay: LockoutCalendar,
  accountId: number,
  now: number,
): Lockout['end'] {
  switch (spec.end.type) {
    case 'at':
      return { type: 'at', at: spec.end.at, from: 'at' };
    case 'next-reset':
      return { type: 'at', at: tradingDay.nextReset(now), from: 'next-reset' };
    case 'next-window': {
      // The rule may know the opening (`at`, added to LockoutEnd by the rules branch); else the
      // window clock; without either the safe fallback is the longer lock: until the next reset.
      const given = (spec.end as { at?: unknown }).at;
      const at =
        typeof given === 'number' && given > now
          ? given
          : (tradingDay.nextWindowStart?.(now, accountId) ?? tradingDay.nextReset(now));
      return { type: 'at', at, from: 'next-window' };
    }
    case 'condition':
      return { type: 'condition', condition: spec.end.condition };
  }
}

export function describeEnd(l: Lockout): string {
  return l.end.type === 'at' ? `until ${new Date(l.end.at).toISOString()}` : `until ${l.end.condition} clears`;
}

export function describeScope(l: Lockout): string {
  return l.scope.type === 'account' ? 'account' : `symbol ${l.scope.root}`;
}
