import type { TokenState } from './token-manager-api';

/**
 * The session token's state, as guard health and the popup show it: the events that move it
 * and its one transition table. The token manager (token-manager.ts) changes its state only
 * through its `dispatch`, which consults `nextTokenState`; an event the table does not list
 * for the current state is ignored.
 *
 *                 refresh, new-key               signed-in
 *   none ─────────────────────────▶ refreshing ───────────▶ valid
 *     │ restored (a saved token)     ▲      │                 │ refresh (2 h before expiry),
 *     └──────────────────────────────┼──────┼───────▶ valid   │ new-key
 *                   refresh, new-key │      │ failed          ▼
 *                                    └── failed           refreshing
 *
 *   any ──key-needed──▶ reenter-key   (the key refused, missing, undecryptable, or another gateway's)
 *   reenter-key ──new-key──▶ refreshing
 *               ──signed-in, restored──▶ valid
 *               ──failed──▶ failed
 *               (refresh is ignored: a refused key retried in the background stays
 *                reenter-key until it works)
 *   any ──cleared──▶ none
 */
export type TokenEvent =
  /** A sign-in or a validation of the token begins. */
  | 'refresh'
  /** The trader entered a key (setCredentials): whatever was refused before, this one is tried. */
  | 'new-key'
  /** A token was obtained and adopted. */
  | 'signed-in'
  /** A sign-in failed on the way (network, 5xx): the old token is used while it lasts. */
  | 'failed'
  /** The key was refused, is missing, cannot be decrypted, or was entered for another gateway. */
  | 'key-needed'
  /** A token saved by an earlier worker, still unexpired, was loaded. */
  | 'restored'
  /** Key and token forgotten. */
  | 'cleared';

export const TOKEN_STATES: readonly TokenState[] = ['none', 'valid', 'refreshing', 'failed', 'reenter-key'];

export const TOKEN_EVENTS: readonly TokenEvent[] = [
  'refresh',
  'new-key',
  'signed-in',
  'failed',
  'key-needed',
  'restored',
  'cleared',
];

/** The whole machine: anything not listed is ignored. */
export const TOKEN_TRANSITIONS: Readonly<Record<TokenState, Partial<Record<TokenEvent, TokenState>>>> = {
  none: {
    refresh: 'refreshing',
    'new-key': 'refreshing',
    'key-needed': 'reenter-key',
    restored: 'valid',
    cleared: 'none',
  },
  refreshing: {
    refresh: 'refreshing',
    'new-key': 'refreshing',
    'signed-in': 'valid',
    failed: 'failed',
    'key-needed': 'reenter-key',
    cleared: 'none',
  },
  valid: { refresh: 'refreshing', 'new-key': 'refreshing', 'key-needed': 'reenter-key', cleared: 'none' },
  failed: { refresh: 'refreshing', 'new-key': 'refreshing', 'key-needed': 'reenter-key', cleared: 'none' },
  'reenter-key': {
    'new-key': 'refreshing',
    // The refused key, retried in the background, worked after all; or the vault could not open
    // the saved token and a sign-in with the key brought a new one.
    'signed-in': 'valid',
    // That sign-in failed on the way, not by a refusal: the key may be fine.
    failed: 'failed',
    'key-needed': 'reenter-key',
    // A saved token still good, though the key must be entered again.
    restored: 'valid',
    cleared: 'none',
  },
};

export function nextTokenState(state: TokenState, event: TokenEvent): TokenState | null {
  return TOKEN_TRANSITIONS[state][event] ?? null;
}
