import type { UpdateNote } from '../messaging/install-policy';

/** One line per release for the popup after an update; the full list is CHANGELOG.md. */
export const WHATS_NEW: Readonly<Record<string, string>> = {
  '0.2.0': 'the toolbar icon now tells the state at a glance (locked with the time left, near a limit, blind).',
};

export function updateLine(note: UpdateNote): string {
  const what = WHATS_NEW[note.to];
  return `Updated to ${note.to} (from ${note.from})${what ? `: ${what}` : '.'}`;
}
