import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  nextTokenState,
  TOKEN_EVENTS,
  TOKEN_STATES,
  TOKEN_TRANSITIONS,
  type TokenEvent,
} from '../../../../src/core/auth/token-machine';
import type { TokenState } from '../../../../src/core/auth/token-manager';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { API_KEY, HOUR, setup, T0, transientError, USER } from './token-fixture';

/** The token state machine: its table, and the token manager moving only along it. */

/** Every state against every event: where it goes, null where the machine ignores it. */
const TABLE: Array<[TokenState, TokenEvent, TokenState | null]> = [
  ['none', 'refresh', 'refreshing'],
  ['none', 'new-key', 'refreshing'],
  ['none', 'signed-in', null],
  ['none', 'failed', null],
  ['none', 'key-needed', 'reenter-key'],
  ['none', 'restored', 'valid'],
  ['none', 'cleared', 'none'],
  ['refreshing', 'refresh', 'refreshing'],
  ['refreshing', 'new-key', 'refreshing'],
  ['refreshing', 'signed-in', 'valid'],
  ['refreshing', 'failed', 'failed'],
  ['refreshing', 'key-needed', 'reenter-key'],
  ['refreshing', 'restored', null],
  ['refreshing', 'cleared', 'none'],
  ['valid', 'refresh', 'refreshing'],
  ['valid', 'new-key', 'refreshing'],
  ['valid', 'signed-in', null],
  ['valid', 'failed', null],
  ['valid', 'key-needed', 'reenter-key'],
  ['valid', 'restored', null],
  ['valid', 'cleared', 'none'],
  ['failed', 'refresh', 'refreshing'],
  ['failed', 'new-key', 'refreshing'],
  ['failed', 'signed-in', null],
  ['failed', 'failed', null],
  ['failed', 'key-needed', 'reenter-key'],
  ['failed', 'restored', null],
  ['failed', 'cleared', 'none'],
  ['reenter-key', 'refresh', null],
  ['reenter-key', 'new-key', 'refreshing'],
  ['reenter-key', 'signed-in', 'valid'],
  ['reenter-key', 'failed', 'failed'],
  ['reenter-key', 'key-needed', 'reenter-key'],
  ['reenter-key', 'restored', 'valid'],
  ['reenter-key', 'cleared', 'none'],
];

describe('token state machine', () => {
  it('lists every state against every event', () => {
    expect(TABLE).toHaveLength(TOKEN_STATES.length * TOKEN_EVENTS.length);
  });

  it.each(TABLE)('from %s on %s goes to %s', (from, event, to) => {
    expect(nextTokenState(from, event)).toBe(to);
  });
});

describe('token manager: its state moves only along the table', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const allowed = (from: TokenState, to: TokenState) => Object.values(TOKEN_TRANSITIONS[from]).includes(to);
  const steps = (states: readonly TokenState[]) => states.map((s, i) => [i === 0 ? 'none' : states[i - 1], s]);

  it('through sign-in, a failed refresh, a refused key, a new key and clear', async () => {
    const { manager, failures, states } = setup({ failureBackoffMs: 30_000 });
    await manager.setCredentials(USER, API_KEY);
    vi.setSystemTime(T0 + 23 * HOUR);
    failures.validate.push(transientError());
    failures.login.push(transientError());
    await manager.getToken();
    expect(manager.state()).toBe('failed');
    failures.login.push(new GatewayError('auth', 'login refused: invalid API key', { errorCode: 3 }));
    await manager.setCredentials(USER, API_KEY).catch(() => undefined);
    expect(manager.state()).toBe('reenter-key');
    await manager.setCredentials(USER, API_KEY);
    await manager.clear();
    for (const [from, to] of steps(states)) expect(allowed(from as TokenState, to as TokenState)).toBe(true);
    expect(states).toEqual([
      'refreshing',
      'valid',
      'refreshing',
      'failed',
      'refreshing',
      'reenter-key',
      'refreshing',
      'valid',
      'none',
    ]);
  });

  it('stays reenter-key while a refused key is retried in the background (refresh is ignored there)', async () => {
    const { manager, auth, states } = setup();
    await manager.setCredentials(USER, API_KEY);
    const dead = await manager.getToken();
    auth.login.mockImplementation(async () => {
      throw new GatewayError('auth', 'login refused: invalid API key', { errorCode: 3 });
    });
    await manager.onUnauthorized(dead).catch(() => undefined);
    expect(manager.state()).toBe('reenter-key');
    const before = states.length;
    await vi.advanceTimersByTimeAsync(60_000);
    await manager.getToken().catch(() => undefined);
    expect(auth.login.mock.calls.length).toBeGreaterThan(2);
    expect(states.slice(before)).toEqual([]);
  });
});
