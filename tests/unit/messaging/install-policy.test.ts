import { describe, expect, it } from 'vitest';
import { planInstalled, UPDATE_NOTE_MS, visibleUpdateNote } from '../../../src/messaging/install-policy';

const NOW = Date.UTC(2026, 11, 4, 15, 0, 0);

describe('what an install or update does', () => {
  it('opens the setup on a fresh install', () => {
    expect(planInstalled({ reason: 'install' }, '0.2.0', NOW)).toEqual({ kind: 'open-setup' });
  });

  it('opens nothing on an update to a new version, and keeps a note for the popup', () => {
    expect(planInstalled({ reason: 'update', previousVersion: '0.1.0' }, '0.2.0', NOW)).toEqual({
      kind: 'note-update',
      note: { from: '0.1.0', to: '0.2.0', at: NOW },
    });
  });

  it('does nothing when the browser updated or the same version was reloaded', () => {
    expect(planInstalled({ reason: 'chrome_update' }, '0.2.0', NOW)).toEqual({ kind: 'nothing' });
    expect(planInstalled({ reason: 'browser_update' }, '0.2.0', NOW)).toEqual({ kind: 'nothing' });
    expect(planInstalled({ reason: 'update', previousVersion: '0.2.0' }, '0.2.0', NOW)).toEqual({ kind: 'nothing' });
    expect(planInstalled({ reason: 'update' }, '0.2.0', NOW)).toEqual({ kind: 'nothing' });
  });
});

describe('the update note the popup shows', () => {
  const note = { from: '0.1.0', to: '0.2.0', at: NOW };

  it('shows for a week after the update to this version', () => {
    expect(visibleUpdateNote(note, '0.2.0', NOW)).toEqual(note);
    expect(visibleUpdateNote(note, '0.2.0', NOW + UPDATE_NOTE_MS - 1)).toEqual(note);
    expect(visibleUpdateNote(note, '0.2.0', NOW + UPDATE_NOTE_MS)).toBeNull();
  });

  it('never shows a note about another version, a note from the future or a malformed one', () => {
    expect(visibleUpdateNote(note, '0.3.0', NOW)).toBeNull();
    expect(visibleUpdateNote(note, '0.2.0', NOW - 1)).toBeNull();
    expect(visibleUpdateNote(undefined, '0.2.0', NOW)).toBeNull();
    expect(visibleUpdateNote({ from: 1, to: '0.2.0', at: NOW }, '0.2.0', NOW)).toBeNull();
  });
});
