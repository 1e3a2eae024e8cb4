import type { NotificationsApi } from './notifier';
import type { Toolbar } from './toolbar';

export const START_FAULT_NOTIFICATION = 'risk-guard:start-fault';

/** The words for why the guard could not start: the error's own message (store errors name keys, never values). */
export function startFaultReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 299)}…` : message;
}

/**
 * The guard could not start: nothing is watched, so the trader must know at once. Red "!" on
 * the toolbar with the reason, a notification that stays until seen, and the console. The
 * data is left as it is (a downgrade is fixed by installing the newer version again).
 */
export function reportStartFault(
  error: unknown,
  deps: { toolbar: Toolbar; notifications: unknown; dropCachedSnapshot?: () => Promise<void> },
): void {
  const reason = startFaultReason(error);
  console.error(`Risk Guard cannot start: ${reason}`);
  deps.toolbar.fault(reason);
  // The popup paints the last cached snapshot first: it would show a guard that no longer runs.
  void deps.dropCachedSnapshot?.().catch(() => undefined);
  const api = deps.notifications as NotificationsApi | undefined;
  void Promise.resolve(
    api?.create(START_FAULT_NOTIFICATION, {
      type: 'basic',
      iconUrl: 'icon/128.png',
      title: 'Risk Guard cannot start: your limits are NOT enforced',
      message: reason,
      priority: 2,
      requireInteraction: true,
    }),
  ).catch(() => undefined);
}
