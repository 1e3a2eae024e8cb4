import { SNAPSHOT_CACHE_KEY } from '../messaging/snapshot-cache';
import { reportStartFault } from './start-fault';
import type { StartupStatus } from './startup';
import type { createStartupAlert } from './startup-alert';
import type { Toolbar } from './toolbar/toolbar';

/**
 * Every change of the worker's start-up (startup.ts) told where the trader sees it without
 * opening anything: a system notification once per failing spell (startup-alert.ts), and the
 * toolbar's red "!" with the popup's cached snapshot dropped (start-fault.ts).
 */
export function createStartupReport(deps: {
  alert: Pick<ReturnType<typeof createStartupAlert>, 'onStatus'>;
  toolbar: Toolbar;
  /** storage.session (absent in some browsers), where the popup's cached snapshot lives. */
  cache: { remove(key: string): Promise<void> } | undefined;
}): (status: StartupStatus) => void {
  return (status) => {
    void deps.alert.onStatus(status);
    reportStartFault(status, {
      toolbar: deps.toolbar,
      dropCachedSnapshot: async () => deps.cache?.remove(SNAPSHOT_CACHE_KEY),
    });
  };
}
