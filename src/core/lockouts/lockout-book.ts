import { appendBestEffort, type Journal } from '../journal/journal';
import type { Clock } from '../ports';
import type { Figures, LockoutSpec } from '../rules/decision';
import type { DurableStore } from '../storage/durable-store';
import {
  describeEnd,
  describeScope,
  isActive,
  type Lockout,
  type LockoutCalendar,
  lockoutKey,
  resolveEnd,
} from './lockout-record';
import { createLockoutStore } from './lockout-store';

/**
 * The lockout book: every lockout and cooldown of the profile, persisted with strict
 * durability and reloaded on wake (docs/architecture.md, "The worker can die"). A lockout is
 * in force in memory from the moment `add` is called; the enforcer acts on it while the write
 * runs alongside (act first: a breach is not held up by the disk), and `add` resolves once it
 * is written. A worker stopped before the write lands loses the record, not the breach: the
 * rules decide it again from the day's trades on wake.
 *
 *   add ──(in memory at once; persist, strict)──▶ active ──(end time passes: expire(now))──────▶ ended (journal 'unlock')
 *                                 └────(clearCondition: can-trade / setting)─▶ ended
 *
 * Merging: one time-based record per account and scope; a second lockout keeps the LATER
 * end (an active lockout is never shortened). Condition lockouts are kept per condition and
 * per source account. Copy-trading groups: a lockout on one account is written for every
 * account of its group, all in one transaction.
 *
 * If the store write fails the lockout is STILL in force in memory (fail closed), the failure
 * is journaled as an error, and the write is retried on the next change or `flush()`
 * (lockout-store.ts).
 */
export type { Lockout, LockoutCalendar } from './lockout-record';

export interface AddLockoutInput {
  accountId: number;
  ruleId: string;
  reason: string;
  figures?: Figures;
  spec: LockoutSpec;
  /** Copy-trading group to lock with it; defaults to the configured groups containing the account. */
  group?: readonly number[];
}

export interface LockoutBook {
  load(): Promise<void>;
  /** Adds (or merges) the lockout for the account and its group; resolves once it is on disk. */
  add(input: AddLockoutInput): Promise<Lockout[]>;
  active(accountId: number, now: number): Lockout[];
  /** Locked as a whole account (symbol-scoped lockouts do not count). */
  isLocked(accountId: number, now: number): boolean;
  /** Symbol roots blocked by symbol-scoped lockouts. */
  blockedRoots(accountId: number, now: number): string[];
  /** Removes and returns the lockouts whose end time is ≤ now. */
  expire(now: number): Promise<Lockout[]>;
  /** Ends the condition lockouts the account started (or, for `setting-changed`, those matching `root`/`ruleId`). */
  clearCondition(
    accountId: number,
    condition: 'can-trade' | 'setting-changed',
    filter?: { root?: string; ruleId?: string },
  ): Promise<Lockout[]>;
  /** Earliest end time of a time-based lockout, for the worker's alarm; null when none. */
  nextExpiry(): number | null;
  all(): Lockout[];
  /** Retries writes that failed earlier. */
  flush(): Promise<void>;
  /** Resolves when every write begun so far has landed or failed (not when later ones have). */
  settled(): Promise<void>;
  onChange(listener: () => void): () => void;
}

export interface LockoutBookOptions {
  store: DurableStore;
  clock: Clock;
  journal: Journal;
  tradingDay: LockoutCalendar;
  /** Copy-trading groups from config; read on every add, so config changes apply. */
  groups?: () => ReadonlyArray<readonly number[]>;
}

export function createLockoutBook(opts: LockoutBookOptions): LockoutBook {
  const { store, clock, journal, tradingDay } = opts;
  const byKey = new Map<string, Lockout>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };

  const groupOf = (accountId: number, explicit?: readonly number[]): number[] => {
    const members = new Set<number>([accountId, ...(explicit ?? [])]);
    if (!explicit) for (const g of opts.groups?.() ?? []) if (g.includes(accountId)) for (const m of g) members.add(m);
    return [...members];
  };

  const saved = createLockoutStore({ store, clock, journal, current: (k) => byKey.get(k) });

  const removeWhere = async (pred: (l: Lockout) => boolean, why: string): Promise<Lockout[]> => {
    const ended: Lockout[] = [];
    for (const [k, l] of byKey) {
      if (!pred(l)) continue;
      byKey.delete(k);
      saved.forget(k);
      ended.push(l);
    }
    if (ended.length === 0) return ended;
    await saved.write(
      [],
      ended.map((l) => l.id),
    );
    for (const l of ended) {
      await appendBestEffort(journal, {
        at: clock.now(),
        kind: 'unlock',
        accountId: l.accountId,
        ruleId: l.ruleId,
        message: `${l.kind === 'cooldown' ? 'Cooldown' : 'Lockout'} of ${describeScope(l)} ended: ${why}`,
        data: { id: l.id, kind: l.kind, scope: l.scope, start: l.start, end: l.end },
      });
    }
    changed();
    return ended;
  };

  return {
    async load() {
      const rows = await saved.load();
      byKey.clear();
      for (const l of rows) {
        const k = lockoutKey(l);
        const prev = byKey.get(k);
        // Two stored records for one key (should not happen): the later end wins.
        if (!prev || (prev.end.type === 'at' && l.end.type === 'at' && l.end.at > prev.end.at)) byKey.set(k, l);
      }
      changed();
    },

    async add(input) {
      const now = clock.now();
      const touched: string[] = [];
      const result: Lockout[] = [];
      const notes: Array<{ l: Lockout; note: string }> = [];
      // The positions a lockout keeps open are one account's: a group member gets its own
      // (the rule engine mirrors the decision with that member's positions).
      for (const accountId of groupOf(input.accountId, input.spec.keep ? [] : input.group)) {
        const draft: Lockout = {
          id: '',
          accountId,
          kind: input.spec.kind,
          scope: input.spec.scope.type === 'account' ? { type: 'account' } : { ...input.spec.scope },
          ruleId: input.ruleId,
          reason: input.reason,
          figures: { ...(input.figures ?? {}) },
          start: now,
          end: resolveEnd(input.spec, tradingDay, accountId, now),
          sourceAccountId: input.accountId,
          ...(input.spec.keep && input.spec.scope.type === 'account' ? { keep: { ...input.spec.keep } } : {}),
        };
        const k = lockoutKey(draft);
        const prev = byKey.get(k);
        if (prev && isActive(prev, now)) {
          const later = prev.end.type === 'at' && draft.end.type === 'at' && draft.end.at > prev.end.at;
          if (later) {
            const merged: Lockout = { ...draft, id: prev.id, start: prev.start };
            byKey.set(k, merged);
            touched.push(k);
            result.push(merged);
            notes.push({ l: merged, note: `extended ${describeEnd(merged)}` });
          } else {
            result.push(prev);
            notes.push({ l: prev, note: `already locked ${describeEnd(prev)}; kept (a lockout is never shortened)` });
          }
          continue;
        }
        const fresh: Lockout = { ...draft, id: `${k}@${now}` };
        byKey.set(k, fresh);
        touched.push(k);
        result.push(fresh);
        notes.push({ l: fresh, note: describeEnd(fresh) });
      }
      if (touched.length > 0) await saved.write(touched);
      for (const { l, note } of notes) {
        await appendBestEffort(journal, {
          at: now,
          kind: 'lockout',
          accountId: l.accountId,
          ruleId: input.ruleId,
          message: `${l.kind === 'cooldown' ? 'Cooldown' : 'Lockout'} of ${describeScope(l)} ${note}: ${input.reason}`,
          data: {
            id: l.id,
            kind: l.kind,
            scope: l.scope,
            start: l.start,
            end: l.end,
            figures: input.figures ?? {},
            ...(l.accountId !== input.accountId ? { groupOf: input.accountId } : {}),
          },
        });
      }
      if (touched.length > 0) changed();
      return result;
    },

    active(accountId, now) {
      return [...byKey.values()].filter((l) => l.accountId === accountId && isActive(l, now));
    },

    isLocked(accountId, now) {
      return this.active(accountId, now).some((l) => l.scope.type === 'account');
    },

    blockedRoots(accountId, now) {
      const roots = new Set<string>();
      for (const l of this.active(accountId, now)) if (l.scope.type === 'symbol') roots.add(l.scope.root);
      return [...roots];
    },

    expire(now) {
      return removeWhere((l) => l.end.type === 'at' && l.end.at <= now, 'its time is over');
    },

    clearCondition(accountId, condition, filter = {}) {
      return removeWhere(
        (l) =>
          l.end.type === 'condition' &&
          l.end.condition === condition &&
          l.sourceAccountId === accountId &&
          (filter.ruleId === undefined || l.ruleId === filter.ruleId) &&
          (filter.root === undefined || (l.scope.type === 'symbol' && l.scope.root === filter.root)),
        condition === 'can-trade' ? 'trading is allowed again' : 'the setting changed',
      );
    },

    nextExpiry() {
      let min: number | null = null;
      for (const l of byKey.values()) if (l.end.type === 'at' && (min === null || l.end.at < min)) min = l.end.at;
      return min;
    },

    all() {
      return [...byKey.values()];
    },

    flush: () => saved.flush(),

    settled: () => saved.settled(),

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
