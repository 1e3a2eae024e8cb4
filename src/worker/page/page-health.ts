import type { NewJournalEntry } from '../../core/journal/journal';
import type { PageHealth } from '../../messaging/snapshot';
import type { NetworkBlockStatus } from './page-block';

export type OrderEntryReport = 'recognised' | 'missing' | 'inactive';

/**
 * What the worker knows of the TopstepX page: each open trading tab reports whether its
 * layer finds the order entry (the content script, on change and after a reconnect), and
 * the network block reports its own status. The views show it in guard health.
 *
 * "Order entry not recognised" is journaled once per page load (a load id chosen by the
 * content script), so a page that stays broken is one line in the journal, not one a second.
 * A tab is forgotten when its snapshot port closes (tab closed, reloaded, navigated away).
 */
export function createPageHealth(deps: {
  now: () => number;
  journal?: (entry: NewJournalEntry) => void;
  onChange?: () => void;
}) {
  const tabs = new Map<number, { loadId: string; state: OrderEntryReport; since: number }>();
  const journaledLoads: string[] = [];
  let network: NetworkBlockStatus = { active: false, failure: null };

  const journalOnce = (loadId: string, tabId: number) => {
    if (journaledLoads.includes(loadId)) return;
    journaledLoads.push(loadId);
    if (journaledLoads.length > 200) journaledLoads.shift();
    deps.journal?.({
      at: deps.now(),
      kind: 'warning',
      accountId: null,
      message: 'TopstepX page: order entry not recognised (the layer cannot cover it); the network block still holds',
      data: { tabId },
    });
  };

  return {
    report(tabId: number, loadId: string, state: OrderEntryReport): void {
      const old = tabs.get(tabId);
      if (old && old.loadId === loadId && old.state === state) return;
      tabs.set(tabId, { loadId, state, since: old?.state === state ? old.since : deps.now() });
      if (state === 'missing') journalOnce(loadId, tabId);
      deps.onChange?.();
    },
    forgetTab(tabId: number): void {
      if (tabs.delete(tabId)) deps.onChange?.();
    },
    setNetworkBlock(status: NetworkBlockStatus): void {
      network = status;
      deps.onChange?.();
    },
    view(): PageHealth {
      const states = [...tabs.values()];
      const missing = states.filter((t) => t.state === 'missing');
      const recognised = states.filter((t) => t.state === 'recognised');
      const pick = missing.length > 0 ? missing : recognised;
      return {
        orderEntry: missing.length > 0 ? 'missing' : recognised.length > 0 ? 'recognised' : 'unknown',
        since: pick.length > 0 ? Math.min(...pick.map((t) => t.since)) : null,
        networkBlock: { active: network.active, failure: network.failure },
      };
    },
  };
}
