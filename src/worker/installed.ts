import { errorMessage } from '../core/error-message';
import { type InstallPlan, planInstalled, SETUP_PAGE, UPDATE_NOTE_KEY } from '../messaging/install-policy';

export interface InstalledDeps {
  tabs: { create(options: { url: string }): Promise<unknown> };
  runtime: { getURL(path: string): string };
  storage: { set(items: Record<string, unknown>): Promise<void> };
  version: string;
  now: () => number;
}

/**
 * runtime.onInstalled: carries out the install policy (src/messaging/install-policy.ts).
 * Registered synchronously at worker start, so the event that woke a fresh install is heard.
 */
export async function handleInstalled(
  details: { reason: string; previousVersion?: string | undefined },
  deps: InstalledDeps,
): Promise<InstallPlan> {
  const plan = planInstalled(details, deps.version, deps.now());
  if (plan.kind === 'open-setup') await deps.tabs.create({ url: deps.runtime.getURL(SETUP_PAGE) });
  else if (plan.kind === 'note-update') await deps.storage.set({ [UPDATE_NOTE_KEY]: plan.note });
  return plan;
}

/** Listens to runtime.onInstalled (synchronously, at worker start); a failure is logged, never thrown. */
export function listenInstalled(
  onInstalled: {
    addListener(listener: (details: { reason: string; previousVersion?: string | undefined }) => void): void;
  },
  deps: InstalledDeps,
): void {
  onInstalled.addListener((details) => {
    void handleInstalled(details, deps).catch((error: unknown) =>
      console.error('onInstalled failed', errorMessage(error, 'unknown error')),
    );
  });
}
