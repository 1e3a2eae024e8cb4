import type { GuardConfig } from '../core/rules/config-schema';
import type { GuardSnapshot } from '../messaging/snapshot';
import { buildDnrRules, type DnrRule, dnrStateFromSnapshot, planDnrUpdate } from '../platform/dnr-rules';

/** The part of `browser.declarativeNetRequest` the network block uses. */
export interface DnrApi {
  getDynamicRules(): Promise<Array<{ id: number }>>;
  updateDynamicRules(options: { removeRuleIds?: number[]; addRules?: DnrRule[] }): Promise<void>;
}

/**
 * Keeps the page's order-submission block in step with the snapshot: rules only while an
 * account is locked (or blind with fail-closed). Updates are serialized and skipped when
 * nothing changed, so a stream of snapshots costs nothing.
 */
export function createPageBlock(deps: { dnr: unknown }) {
  const dnr = deps.dnr as DnrApi | undefined;
  let lastKey = '';
  let chain: Promise<void> = Promise.resolve();
  return {
    sync(patterns: GuardConfig['pageBlock'], snapshot: GuardSnapshot): void {
      if (!dnr) return;
      const state = dnrStateFromSnapshot(snapshot);
      const rules = buildDnrRules({ patterns, ...state });
      const key = JSON.stringify(rules);
      if (key === lastKey) return;
      lastKey = key;
      chain = chain
        .then(async () => {
          const existing = (await dnr.getDynamicRules()).map((r) => r.id);
          await dnr.updateDynamicRules(planDnrUpdate(existing, rules));
        })
        .catch(() => {
          lastKey = ''; // try again on the next snapshot
        });
    },
    settled: () => chain,
  };
}
