import { z } from 'zod';
import { errorMessage } from '../error-message';
import { appendBestEffort, type Journal } from '../journal/journal';
import type { DurableStore } from '../storage/durable-store';
import { type DesiredState, describeDesired, emptyDesired, isEmptyDesired, mergeDesired } from './desired-state';

/**
 * Pending enforcements (docs/architecture.md, "The worker can die"): the desired state of an
 * account that has not converged yet, written with strict durability alongside the first
 * actions (acting does not wait for the disk), deleted once REST shows the account at it. A
 * worker that dies mid-flatten finds it on wake and carries on; re-reading the real state
 * first is what keeps that from repeating actions.
 *
 * Kept in the 'intents' store under `enforcement:<accountId>` with `type: 'enforcement'`, so
 * the order manager's own intent records (other keys) are never confused with these.
 */
const KEY_PREFIX = 'enforcement:';

const DesiredSchema = z.object({
  flat: z.boolean(),
  maxTotals: z.array(z.object({ maxContracts: z.number(), counting: z.enum(['contracts', 'mini']) })),
  positionMax: z.record(z.string(), z.number()),
  blockedRoots: z.array(z.string()),
  cancelOrderIds: z.array(z.number()),
  stops: z.record(
    z.string(),
    z.object({
      contractId: z.string(),
      stopPrice: z.number(),
      size: z.number(),
      side: z.union([z.literal(0), z.literal(1)]),
    }),
  ),
  causes: z.array(z.object({ ruleId: z.string(), action: z.string(), reason: z.string() })),
  // The sizes a keep-positions lockout allows; written by 0.2.0 on (0.1.0 records have none).
  keepOnly: z.record(z.string(), z.number()).optional(),
});

const PendingSchema = z.object({
  type: z.literal('enforcement'),
  accountId: z.number().int(),
  since: z.number(),
  desired: DesiredSchema,
});

export interface PendingEnforcement {
  type: 'enforcement';
  accountId: number;
  since: number;
  desired: DesiredState;
}

export async function savePending(store: DurableStore, p: PendingEnforcement): Promise<void> {
  await store.put('intents', `${KEY_PREFIX}${p.accountId}`, p, { durability: 'strict' });
}

export async function deletePending(store: DurableStore, accountId: number): Promise<void> {
  await store.delete('intents', `${KEY_PREFIX}${accountId}`, { durability: 'strict' });
}

/**
 * Writes an account's unfinished target (what is being driven merged with what arrived), or
 * deletes the record when nothing is left. A failed write is journaled (best effort), never
 * thrown: the enforcement goes on without it.
 */
export async function persistSlot(
  store: DurableStore,
  s: { accountId: number; since: number; current: DesiredState | null; pending: DesiredState | null },
  journal: Journal,
  now: number,
): Promise<void> {
  const desired = mergeDesired(s.current ?? emptyDesired(), s.pending ?? emptyDesired());
  try {
    if (isEmptyDesired(desired)) await deletePending(store, s.accountId);
    else await savePending(store, { type: 'enforcement', accountId: s.accountId, since: s.since, desired });
  } catch (error) {
    await appendBestEffort(journal, {
      at: now,
      kind: 'error',
      accountId: s.accountId,
      message: 'Could not save the pending enforcement; enforcing anyway',
      data: { error: errorMessage(error) },
    });
  }
}

export async function loadPending(
  store: DurableStore,
): Promise<{ pending: PendingEnforcement[]; malformed: Array<{ key: string; problem: string }> }> {
  const rows = await store.getAll<unknown>('intents');
  const pending: PendingEnforcement[] = [];
  const malformed: Array<{ key: string; problem: string }> = [];
  for (const row of rows) {
    if (!row.key.startsWith(KEY_PREFIX)) continue;
    const parsed = PendingSchema.safeParse(row.value);
    if (parsed.success) pending.push(parsed.data as PendingEnforcement);
    else malformed.push({ key: row.key, problem: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  }
  return { pending, malformed };
}

/**
 * What a waking worker resumes: the pending enforcements, with the malformed ones journaled
 * (lockouts, stored apart, still apply) and those older than `maxAgeMs` dropped and journaled
 * (the rules decide again from fresh state) — unless the account is still locked: then it is
 * the same breach, still being enforced (a flatten the market refused for an hour must still
 * close the breach's positions at the reopen; see day-rollover.ts).
 */
export async function loadResumable(deps: {
  store: DurableStore;
  journal: Journal;
  now: () => number;
  maxAgeMs: number;
  stillLocked: (accountId: number) => boolean;
}): Promise<PendingEnforcement[]> {
  const { store, journal, now } = deps;
  const { pending, malformed } = await loadPending(store);
  for (const m of malformed)
    await appendBestEffort(journal, {
      at: now(),
      kind: 'error',
      accountId: null,
      message: 'An unfinished enforcement could not be read; lockouts still apply',
      data: m,
    });
  const fresh: PendingEnforcement[] = [];
  for (const p of pending) {
    if (now() - p.since <= deps.maxAgeMs || deps.stillLocked(p.accountId)) {
      fresh.push(p);
      continue;
    }
    // A full disk keeps the stale record: the next wake drops it again.
    await deletePending(store, p.accountId).catch(() => undefined);
    await appendBestEffort(journal, {
      at: now(),
      kind: 'enforcement',
      accountId: p.accountId,
      message: `Dropped a stale unfinished enforcement: ${describeDesired(p.desired)}`,
      data: { since: p.since },
    });
  }
  return fresh;
}
