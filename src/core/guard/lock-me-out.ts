import type { Enforcer } from '../enforce/enforcer';
import type { LockoutBook } from '../lockouts/lockout-book';
import type { Clock } from '../ports';
import type { GuardConfig } from '../rules/config/config-schema';
import type { GuardState } from '../state/account-state';
import { SESSIONS, type SessionId, sessionEndAfter } from './trading-sessions';

/**
 * "Lock me out": the trader's own commitment. One account, a copy-trading group or every
 * account is flattened at once and locked until the end of the trading day, the end of a
 * session, or a chosen time. It cannot be undone before it ends: it is an ordinary time-based
 * lockout, persisted (strict) before anything acts, merged so that nothing shortens it (a
 * lockout is only ever extended), untouched by any setting or import, reloaded on every
 * restart. There is no message to end it (protocol.ts): removing the extension is the one way.
 *
 *   preview(request) ──names accounts + end──▶ the trader confirms ──lock(request, endsAt)──▶
 *     end recomputed = endsAt? ──no──▶ refused (ask again)   ──yes──▶ lockouts (strict) ──▶ flatten
 */

export const LOCK_ME_OUT_RULE = 'lockMeOut';
/** A chosen end further away than this is refused (a mistyped year must not lock for a year). */
export const MAX_LOCK_MS = 14 * 86_400_000;

export type LockTarget = { type: 'account'; accountId: number } | { type: 'group'; name: string } | { type: 'all' };
export type LockUntil = { type: 'end-of-day' } | { type: 'session'; session: SessionId } | { type: 'at'; at: number };
export interface LockMeOutRequest {
  target: LockTarget;
  until: LockUntil;
}

export type LockMeOutPlan =
  | { ok: true; accountIds: number[]; accountNames: string[]; endsAt: number; summary: string }
  | { ok: false; message: string };

export interface LockMeOutDeps {
  lockouts: Pick<LockoutBook, 'add'>;
  enforcer: Pick<Enforcer, 'submit'>;
  clock: Clock;
  config: () => GuardConfig;
  state: () => GuardState;
  nextReset: (now: number) => number;
}

function accountsOf(target: LockTarget, config: GuardConfig, state: GuardState): number[] | string {
  const known = Object.values(state.accounts).map((a) => a.account.id);
  switch (target.type) {
    case 'account':
      return known.includes(target.accountId)
        ? [target.accountId]
        : `account ${target.accountId} is not one the guard knows`;
    case 'group': {
      const group = config.accountGroups.find((g) => g.name === target.name);
      return group ? [...group.accountIds] : `there is no account group "${target.name}"`;
    }
    case 'all':
      return known.length > 0 ? known.sort((a, b) => a - b) : 'the guard knows no account yet';
  }
}

function untilWords(until: LockUntil): string {
  switch (until.type) {
    case 'end-of-day':
      return 'the end of the trading day';
    case 'session':
      return `the end of the ${SESSIONS[until.session].name} session`;
    case 'at':
      return 'the time chosen';
  }
}

export function createLockMeOut(deps: LockMeOutDeps) {
  function plan(request: LockMeOutRequest): LockMeOutPlan {
    const now = deps.clock.now();
    const ids = accountsOf(request.target, deps.config(), deps.state());
    if (typeof ids === 'string') return { ok: false, message: `Not locked: ${ids}.` };
    const u = request.until;
    const endsAt =
      u.type === 'end-of-day' ? deps.nextReset(now) : u.type === 'session' ? sessionEndAfter(u.session, now) : u.at;
    if (!(endsAt > now)) return { ok: false, message: 'Not locked: the time chosen has already passed.' };
    if (endsAt - now > MAX_LOCK_MS) {
      return { ok: false, message: 'Not locked: a lockout can last at most 14 days; choose an earlier time.' };
    }
    const names = ids.map((id) => deps.state().accounts[String(id)]?.account.name ?? `#${id}`);
    return {
      ok: true,
      accountIds: ids,
      accountNames: names,
      endsAt,
      summary: `${names.join(', ')}: flattened now and locked until ${untilWords(u)}`,
    };
  }

  return {
    /** What a request would do: the accounts and the exact end, for the confirmation step. */
    preview: plan,
    /**
     * Locks and flattens, if the end is still the one the trader confirmed (`endsAt`: a reset
     * or a session end passed meanwhile changes it, and the trader is asked again).
     */
    async lock(request: LockMeOutRequest, endsAt: number): Promise<LockMeOutPlan> {
      const p = plan(request);
      if (!p.ok) return p;
      if (p.endsAt !== endsAt) {
        return {
          ok: false,
          message: 'Not locked: the end changed since you confirmed it; check it and confirm again.',
        };
      }
      const reason = `Locked by you (Lock me out) until ${untilWords(request.until)}`;
      const figures = { endsAt: p.endsAt };
      for (const accountId of p.accountIds) {
        // The lockout first, on disk, then the flatten: a worker that dies in between still holds it.
        await deps.lockouts.add({
          accountId,
          ruleId: LOCK_ME_OUT_RULE,
          reason,
          figures,
          spec: { kind: 'lockout', end: { type: 'at', at: p.endsAt }, scope: { type: 'account' } },
        });
      }
      for (const accountId of p.accountIds) {
        await deps.enforcer.submit(
          {
            kind: 'enforce',
            ruleId: LOCK_ME_OUT_RULE,
            accountId,
            action: { type: 'flatten' },
            reason,
            figures,
            monitorOnly: false,
          },
          'Lock me out',
        );
      }
      return p;
    },
  };
}

export type LockMeOut = ReturnType<typeof createLockMeOut>;
