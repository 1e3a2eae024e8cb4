/**
 * What happens when the extension is installed or updated (runtime.onInstalled), decided
 * from the event alone. Pure; the worker's adapter (src/worker/installed.ts) carries it out.
 *
 * - install: the settings open at the start of the setup (the connection step), once.
 * - update to a new version: nothing pops up (an automatic update can land mid-session);
 *   a note is kept for the popup to say once what changed, for a week or until dismissed.
 * - anything else (the browser updated, a reload of the same version): nothing.
 */

/** storage.local key of the note the popup shows after an update. */
export const UPDATE_NOTE_KEY = 'rg-update-note';
/** The options page at the start of the setup. */
export const SETUP_PAGE = '/options.html#setup';
/** How long the popup keeps telling what changed (unless dismissed first). */
export const UPDATE_NOTE_MS = 7 * 24 * 3_600_000;

export interface UpdateNote {
  from: string;
  to: string;
  /** Epoch ms of the update. */
  at: number;
}

export type InstallPlan = { kind: 'open-setup' } | { kind: 'note-update'; note: UpdateNote } | { kind: 'nothing' };

export function planInstalled(
  details: { reason: string; previousVersion?: string | undefined },
  version: string,
  now: number,
): InstallPlan {
  if (details.reason === 'install') return { kind: 'open-setup' };
  if (details.reason === 'update' && details.previousVersion !== undefined && details.previousVersion !== version) {
    return { kind: 'note-update', note: { from: details.previousVersion, to: version, at: now } };
  }
  return { kind: 'nothing' };
}

/** The stored note, when it is about this version and recent enough to show; anything else is null. */
export function visibleUpdateNote(stored: unknown, version: string, now: number): UpdateNote | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { from, to, at } = stored as Partial<UpdateNote>;
  if (typeof from !== 'string' || typeof to !== 'string' || typeof at !== 'number') return null;
  if (to !== version || now - at >= UPDATE_NOTE_MS || now < at) return null;
  return { from, to, at };
}
