import { errorMessage } from '../../core/error-message';
import type { NewJournalEntry } from '../../core/journal/journal';
import type { PageConfig } from '../../core/page/page-config';
import type { GuardSnapshot } from '../../messaging/snapshot';
import { buildDnrRules, type DnrRule, dnrStateFromSnapshot, ourRuleIds, planDnrUpdate } from './dnr-rules';

/** The part of `browser.declarativeNetRequest` the network block uses. */
export interface DnrApi {
  getDynamicRules(): Promise<Array<{ id: number }>>;
  updateDynamicRules(options: { removeRuleIds?: number[]; addRules?: DnrRule[] }): Promise<void>;
}

export interface NetworkBlockStatus {
  /** Block rules are in force (an account is locked, or blind with fail-closed). */
  active: boolean;
  /** The last update failed (whole or in part): what, since when. Null when the rules are as wanted. */
  failure: { message: string; since: number } | null;
}

export const RETRY_AFTER_FAILURE_MS = 5000;

/**
 * Keeps the page's network block in step with the snapshot: rules only while an account is
 * locked (or blind with fail-closed). Updates are serialized and skipped when nothing
 * changed, so a stream of snapshots costs nothing.
 *
 * A failure is loud and partial at worst: `updateDynamicRules` is all-or-nothing, so when
 * the browser refuses the batch, the rules are added one by one and only the refused ones
 * are missing. The failure goes to the journal (once per distinct message), to `status()`
 * (guard health, the popup) and is retried every few seconds until it clears.
 *
 *   in step ──sync: update refused──▶ failed ──retry / next sync succeeds──▶ in step
 */
export function createPageBlock(deps: {
  dnr: unknown;
  now: () => number;
  journal?: (entry: NewJournalEntry) => void;
  onStatus?: (status: NetworkBlockStatus) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}) {
  const dnr = deps.dnr as DnrApi | undefined;
  const later = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  let lastKey = '';
  let chain: Promise<void> = Promise.resolve();
  let status: NetworkBlockStatus = { active: false, failure: null };
  let journaled = '';
  let retryArmed = false;
  let latest: { patterns: PageConfig; snapshot: GuardSnapshot } | null = null;

  const setStatus = (next: NetworkBlockStatus) => {
    const changed =
      next.active !== status.active ||
      (next.failure === null) !== (status.failure === null) ||
      next.failure?.message !== status.failure?.message;
    status = next;
    if (changed) deps.onStatus?.(status);
  };

  const fail = (active: boolean, message: string) => {
    const since = status.failure?.message === message ? status.failure.since : deps.now();
    setStatus({ active, failure: { message, since } });
    if (journaled !== message) {
      journaled = message;
      deps.journal?.({
        at: deps.now(),
        kind: 'error',
        accountId: null,
        message: `The page's network block could not be updated: ${message}`,
        data: { active },
      });
    }
    lastKey = ''; // the next sync tries again
    if (!retryArmed) {
      retryArmed = true;
      later(() => {
        retryArmed = false;
        if (latest) sync(latest.patterns, latest.snapshot);
      }, RETRY_AFTER_FAILURE_MS);
    }
  };

  const succeed = (active: boolean) => {
    if (status.failure !== null) {
      deps.journal?.({
        at: deps.now(),
        kind: 'action',
        accountId: null,
        message: 'The page’s network block is in force as configured again',
      });
    }
    journaled = '';
    setStatus({ active, failure: null });
  };

  /** One by one, after the batch was refused: every rule the browser accepts goes in. */
  const applyEach = async (api: DnrApi, rules: readonly DnrRule[]): Promise<string[]> => {
    const refused: string[] = [];
    const existing = ourRuleIds((await api.getDynamicRules()).map((r) => r.id));
    if (existing.length > 0) await api.updateDynamicRules({ removeRuleIds: existing });
    for (const rule of rules) {
      try {
        await api.updateDynamicRules({ addRules: [rule] });
      } catch (error) {
        refused.push(`${rule.action.type} ${rule.condition.regexFilter}: ${errorText(error)}`);
      }
    }
    return refused;
  };

  function sync(patterns: PageConfig, snapshot: GuardSnapshot): void {
    latest = { patterns, snapshot };
    if (!dnr) return;
    const state = dnrStateFromSnapshot(snapshot);
    const plan = buildDnrRules({ patterns, ...state });
    const active = plan.rules.some((r) => r.action.type === 'block');
    const key = JSON.stringify(plan);
    if (key === lastKey) return;
    lastKey = key;
    chain = chain.then(async () => {
      const skipped = plan.skipped.map((s) => `${s.pattern}: ${s.message}`);
      try {
        const existing = (await dnr.getDynamicRules()).map((r) => r.id);
        await dnr.updateDynamicRules(planDnrUpdate(existing, plan.rules));
        if (skipped.length > 0) fail(active, `${skipped.length} pattern(s) left out: ${skipped.join('; ')}`);
        else succeed(active);
      } catch (batchError) {
        let refused: string[];
        try {
          refused = await applyEach(dnr, plan.rules);
        } catch (error) {
          fail(active, `the browser refused the update (${errorText(batchError)}; then ${errorText(error)})`);
          return;
        }
        const all = [...refused, ...skipped];
        // Refused as a batch but every rule went in one by one: in step after all.
        if (all.length === 0) succeed(active);
        else
          fail(
            active,
            `${all.length} of ${plan.rules.length + plan.skipped.length} rule(s) refused: ${all.join('; ')}`,
          );
      }
    });
  }

  return {
    sync,
    status: () => status,
    settled: () => chain,
  };
}

function errorText(error: unknown): string {
  return errorMessage(error).slice(0, 300);
}
