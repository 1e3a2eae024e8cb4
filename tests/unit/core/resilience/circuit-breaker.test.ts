import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BREAKER_EVENTS,
  BREAKER_STATES,
  type BreakerEvent,
  type BreakerState,
  breakerGroupOf,
  createCircuitBreaker,
  nextBreakerState,
  outcomeOf,
} from '../../../../src/core/resilience/circuit-breaker';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { fakeClock } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);

function breaker() {
  return createCircuitBreaker({ group: 'orders', clock: fakeClock });
}

function open(b: ReturnType<typeof breaker>): void {
  for (let i = 0; i < 5; i++) b.recordFailure();
}

describe('circuit breaker state machine', () => {
  /** Every state against every event: where it goes, null where the machine ignores it. */
  const table: Array<[BreakerState, BreakerEvent, BreakerState | null]> = [
    ['closed', 'tripped', 'open'],
    ['closed', 'cooled', null],
    ['closed', 'trial-failed', null],
    ['closed', 'trial-succeeded', null],
    ['open', 'tripped', null],
    ['open', 'cooled', 'half-open'],
    ['open', 'trial-failed', null],
    ['open', 'trial-succeeded', null],
    ['half-open', 'tripped', null],
    ['half-open', 'cooled', null],
    ['half-open', 'trial-failed', 'open'],
    ['half-open', 'trial-succeeded', 'closed'],
  ];
  it('lists every state against every event', () => {
    expect(table).toHaveLength(BREAKER_STATES.length * BREAKER_EVENTS.length);
  });
  it.each(table)('from %s on %s goes to %s', (from, event, to) => {
    expect(nextBreakerState(from, event)).toBe(to);
  });
});

describe('circuit breaker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts closed', () => {
    const b = breaker();
    expect(b.state()).toBe('closed');
    expect(b.isOpen()).toBe(false);
    expect(() => b.admit()).not.toThrow();
  });

  it('opens after 5 consecutive failures', () => {
    const b = breaker();
    for (let i = 0; i < 4; i++) b.recordFailure();
    expect(b.state()).toBe('closed');
    b.recordFailure();
    expect(b.state()).toBe('open');
    expect(b.isOpen()).toBe(true);
  });

  it('needs the failures to be consecutive: a success resets the streak', () => {
    const b = breaker();
    for (let i = 0; i < 4; i++) b.recordFailure();
    b.recordSuccess();
    for (let i = 0; i < 4; i++) b.recordFailure();
    expect(b.state()).toBe('closed');
    expect(b.snapshot().consecutiveFailures).toBe(4);
  });

  it('fails fast while open with GatewayError unavailable "service unavailable" and the time to the next trial', () => {
    const b = breaker();
    open(b);
    vi.advanceTimersByTime(20_000);
    let thrown: unknown;
    try {
      b.admit('/api/Order/place');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect(thrown).toMatchObject({ kind: 'unavailable', endpoint: '/api/Order/place', retryAfterMs: 40_000 });
    expect((thrown as GatewayError).message).toMatch(/^service unavailable/);
  });

  it('stays open for 60 s and turns half-open when they have passed', () => {
    const b = breaker();
    open(b);
    vi.advanceTimersByTime(59_999);
    expect(b.state()).toBe('open');
    vi.advanceTimersByTime(1);
    expect(b.isOpen()).toBe(false);
    expect(b.state()).toBe('half-open');
  });

  it('allows 3 trial requests while half-open and fails fast beyond them', () => {
    const b = breaker();
    open(b);
    vi.advanceTimersByTime(60_000);
    const permits = [b.admit(), b.admit(), b.admit()];
    expect(permits.every((p) => p.trial)).toBe(true);
    expect(() => b.admit()).toThrow(/service unavailable/);
  });

  it('closes when a trial request succeeds in half-open', () => {
    const b = breaker();
    open(b);
    vi.advanceTimersByTime(60_000);
    const permit = b.admit();
    b.recordSuccess(permit);
    expect(b.state()).toBe('closed');
    expect(b.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 0, openedAt: null });
  });

  it('reopens for another 60 s when a trial request fails', () => {
    const b = breaker();
    open(b);
    vi.advanceTimersByTime(60_000);
    b.recordFailure(b.admit());
    expect(b.state()).toBe('open');
    vi.advanceTimersByTime(59_999);
    expect(b.state()).toBe('open');
    vi.advanceTimersByTime(1);
    expect(b.state()).toBe('half-open');
  });

  it('frees a trial slot when a trial ends without a verdict (aborted)', () => {
    const b = breaker();
    open(b);
    vi.advanceTimersByTime(60_000);
    const permits = [b.admit(), b.admit(), b.admit()];
    b.recordNeutral(permits[0]);
    expect(b.admit().trial).toBe(true);
    expect(b.state()).toBe('half-open');
  });

  it('ignores a late answer from a call admitted before the breaker changed state', () => {
    const b = breaker();
    const slow = b.admit();
    open(b);
    b.recordSuccess(slow);
    expect(b.state()).toBe('open');
    vi.advanceTimersByTime(60_000);
    const trial = b.admit();
    b.recordFailure(slow);
    expect(b.state()).toBe('half-open');
    b.recordSuccess(trial);
    expect(b.state()).toBe('closed');
  });

  it('counts only transient and outcome-unknown errors as failures; business answers prove the service is up', () => {
    expect(outcomeOf(new GatewayError('transient', 'x'))).toBe('failure');
    expect(outcomeOf(new GatewayError('outcome-unknown', 'x'))).toBe('failure');
    expect(outcomeOf(new GatewayError('permanent', 'x'))).toBe('success');
    expect(outcomeOf(new GatewayError('auth', 'x'))).toBe('success');
    for (const kind of ['rate-limited', 'aborted', 'invalid-response', 'queue-full', 'unavailable'] as const) {
      expect(outcomeOf(new GatewayError(kind, 'x'))).toBe('neutral');
    }
    expect(outcomeOf(new Error('bug'))).toBe('neutral');
  });

  it('does not open on permanent errors recorded through record(outcomeOf(error))', () => {
    const b = breaker();
    for (let i = 0; i < 10; i++) b.record(outcomeOf(new GatewayError('permanent', 'rejected')));
    expect(b.state()).toBe('closed');
  });

  it('tells listeners about every transition, in order', () => {
    const b = breaker();
    const seen: Array<[BreakerState, BreakerState]> = [];
    const stop = b.subscribe((to, from) => seen.push([to, from]));
    open(b);
    vi.advanceTimersByTime(60_000);
    b.recordSuccess(b.admit());
    stop();
    open(b);
    expect(seen).toEqual([
      ['open', 'closed'],
      ['half-open', 'open'],
      ['closed', 'half-open'],
    ]);
  });

  it('survives a throwing listener', () => {
    const b = breaker();
    b.subscribe(() => {
      throw new Error('ui gone');
    });
    open(b);
    expect(b.state()).toBe('open');
  });

  it('restores an open state from a snapshot and keeps counting down from when it opened', () => {
    const first = breaker();
    open(first);
    vi.advanceTimersByTime(45_000);
    const snap = structuredClone(first.snapshot());
    expect(snap).toEqual({ state: 'open', consecutiveFailures: 5, openedAt: T0 });
    const restored = createCircuitBreaker({ group: 'orders', clock: fakeClock, initial: snap });
    expect(restored.state()).toBe('open');
    vi.advanceTimersByTime(15_000);
    expect(restored.state()).toBe('half-open');
  });

  it('clamps an openedAt from the future (clock moved back) so it cannot stay open for hours', () => {
    const restored = createCircuitBreaker({
      group: 'orders',
      clock: fakeClock,
      initial: { state: 'open', consecutiveFailures: 5, openedAt: T0 + 3_600_000 },
    });
    vi.advanceTimersByTime(60_000);
    expect(restored.state()).toBe('half-open');
  });

  it('ignores a malformed snapshot and starts closed', () => {
    const restored = createCircuitBreaker({
      group: 'orders',
      clock: fakeClock,
      initial: { state: 'weird', consecutiveFailures: 'x', openedAt: 1 } as never,
    });
    expect(restored.state()).toBe('closed');
  });

  it('honours custom threshold, wait and trial count', () => {
    const b = createCircuitBreaker({
      group: 'history',
      clock: fakeClock,
      options: { failureThreshold: 2, halfOpenAfterMs: 1_000, halfOpenMaxTrials: 1 },
    });
    b.recordFailure();
    b.recordFailure();
    expect(b.state()).toBe('open');
    vi.advanceTimersByTime(1_000);
    b.admit();
    expect(() => b.admit()).toThrow(GatewayError);
  });
});

describe('breaker groups', () => {
  it('maps every endpoint to its controller group', () => {
    expect(breakerGroupOf('/api/Auth/loginKey')).toBe('auth');
    expect(breakerGroupOf('/api/Account/search')).toBe('accounts');
    expect(breakerGroupOf('/api/Contract/searchById')).toBe('contracts');
    expect(breakerGroupOf('/api/History/retrieveBars')).toBe('history');
    expect(breakerGroupOf('/api/Order/place')).toBe('orders');
    expect(breakerGroupOf('/api/Position/closeContract')).toBe('positions');
    expect(breakerGroupOf('/api/Trade/search')).toBe('trades');
    expect(breakerGroupOf('/api/Status/ping')).toBe('status');
  });

  it('accepts full URLs and any case, and sends unknown paths to "other"', () => {
    expect(breakerGroupOf('http://127.0.0.1:5000/api/order/searchOpen')).toBe('orders');
    expect(breakerGroupOf('/api/Something/new')).toBe('other');
    expect(breakerGroupOf('/health')).toBe('other');
  });
});
