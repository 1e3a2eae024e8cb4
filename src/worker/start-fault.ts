import type { StartupStatus } from './startup';
import type { Toolbar } from './toolbar/toolbar';

/** The toolbar's words for a failing start-up: the error (name and message, short) and that it keeps trying. */
export function startFaultReason(status: StartupStatus): string {
  return `${status.error ?? 'unknown error'} (attempt ${status.attempts}; it keeps trying)`;
}

/**
 * The guard could not start: nothing is watched, so the trader must see it without opening
 * anything. Red "!" on the toolbar with the reason, until a snapshot shows the guard running,
 * and the popup's cached snapshot dropped (it would paint a guard that no longer runs). The
 * notification and the retries are start-up's own (startup-alert.ts, startup.ts). The data is
 * left as it is: a database from a newer version is fixed by installing that version again.
 */
export function reportStartFault(
  status: StartupStatus,
  deps: { toolbar: Toolbar; dropCachedSnapshot?: () => Promise<void> },
): void {
  if (status.state !== 'failed') return;
  deps.toolbar.fault(startFaultReason(status));
  void deps.dropCachedSnapshot?.().catch(() => undefined);
}
