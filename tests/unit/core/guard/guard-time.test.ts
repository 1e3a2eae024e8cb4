import { describe, expect, it } from 'vitest';
import { createGuardTime, formatDuration, type GuardTime } from '../../../../src/core/guard/guard-time';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { FetchLike, HttpResponseLike } from '../../../../src/core/ports';
import type { DomainEvent } from '../../../../src/core/state/events';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { order, trade } from '../state/fixtures';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T16:00:00.400Z');

/** The server's clock, a monotonic clock counting the same ms, and the computer's clock (`skew`). */
function world(options: { date?: boolean; online?: boolean } = {}) {
  const w = { server: T0, mono: 10_000, skew: 0, online: options.online ?? true, requests: 0 };
  const pass = (ms: number) => {
    w.server += ms;
    w.mono += ms;
  };
  const fetch: FetchLike = async () => {
    if (!w.online) throw new TypeError('Failed to fetch');
    w.requests += 1;
    pass(150); // the answer takes 150 ms; the server reads its clock half-way
    const read = w.server - 75;
    const response: HttpResponseLike = {
      status: 200,
      headers: {
        get: (name) => (name === 'date' && options.date !== false ? new Date(read).toUTCString() : null),
      },
      text: async () => 'pong',
    };
    return response;
  };
  const store = createMemoryStore();
  const journal = createMemoryJournal();
  let current: GuardTime | null = null;
  /** Status/ping through the guard's own (observed) fetch. */
  const ping = async () => {
    await current?.fetch('http://gateway/api/Status/ping', { method: 'POST', headers: {} });
  };
  const make = () => {
    current = createGuardTime({
      local: { now: () => w.server + w.skew },
      monotonic: { now: () => w.mono },
      fetch,
      timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as never) },
      store,
      journal,
      ping,
    });
    return current;
  };
  const time = make();
  return { w, pass, time, make, ping, store, journal };
}

const hub = (e: DomainEvent): DomainEvent => e;

describe('the guard’s time, wired to the gateway', () => {
  it('reads the Date header of every answer: two that agree make the server’s time the guard’s', async () => {
    const { w, time, ping } = world();
    w.skew = 24 * HOUR;
    await ping();
    expect(time.clock.confirmed()).toBe(false);
    await ping();
    expect(time.clock.confirmed()).toBe(true);
    expect(Math.abs(time.clock.now() - w.server)).toBeLessThanOrEqual(1000);
  });

  it('learns nothing from an answer without a Date header', async () => {
    const { time, ping } = world({ date: false });
    await ping();
    await ping();
    expect(time.clock.confirmed()).toBe(false);
  });

  it('takes live fills’ and orders’ stamps from the hub as proof of the server’s time, not a reconcile’s', () => {
    const { w, time } = world();
    const stamp = new Date(w.server - 40).toISOString();
    const reconcile: DomainEvent = {
      kind: 'trade',
      source: 'reconcile',
      receivedAt: w.server,
      trade: trade({ creationTimestamp: stamp }),
    };
    time.observe([reconcile, reconcile]);
    expect(time.clock.confirmed()).toBe(false);
    time.observe([
      hub({ kind: 'trade', source: 'hub', receivedAt: w.server, trade: trade({ creationTimestamp: stamp }) }),
      hub({ kind: 'order', source: 'hub', receivedAt: w.server, order: order({ updateTimestamp: stamp }) }),
    ]);
    expect(time.clock.confirmed()).toBe(true);
  });

  it('tells its listeners when the server’s time appears or moves, once per burst, so everything is judged again', async () => {
    const { w, time, ping } = world();
    let moved = 0;
    time.onMoved(() => {
      moved += 1;
    });
    await ping();
    await ping();
    await ping();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(moved).toBe(1);
    // The monotonic clock stood still for an hour (the computer slept): the server's answers move it.
    w.server += 3_600_000;
    await ping();
    await ping();
    await ping();
    await ping();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(moved).toBe(2);
  });

  it('asks the server (pings) until the time is confirmed, and not again while the computer’s clock stays put', async () => {
    const { w, time } = world();
    await time.verify();
    expect(time.clock.confirmed()).toBe(true);
    const asked = w.requests;
    expect(asked).toBeLessThanOrEqual(4);
    await time.verify();
    expect(w.requests).toBe(asked);
  });

  it('asks again when the computer’s clock moved, then journals the move once: the server’s time stands', async () => {
    const { w, time, journal } = world();
    await time.verify();
    const asked = w.requests;
    w.skew = 8 * HOUR;
    await time.verify();
    expect(w.requests).toBeGreaterThan(asked);
    expect(Math.abs(time.clock.now() - w.server)).toBeLessThanOrEqual(1000);
    const entries = journal.entries.filter((e) => e.kind === 'clock');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.message).toBe(
      "The computer's clock is 8 h ahead of the server's time: the guard keeps the server's time, and lockouts, held-back changes and the trading day follow it.",
    );
    expect(entries[0]?.data).toMatchObject({ source: 'server' });
    await time.verify();
    expect(journal.entries.filter((e) => e.kind === 'clock')).toHaveLength(1);
  });

  it('journals a move it cannot check with the server (offline), and keeps counting from its floor', async () => {
    const { w, time, journal } = world({ online: false });
    const start = time.clock.now();
    w.skew = 2 * HOUR;
    await time.verify();
    expect(time.clock.now()).toBe(start);
    expect(journal.entries.filter((e) => e.kind === 'clock').map((e) => e.message)).toEqual([
      "The computer's clock moved 2 h ahead and the server cannot be asked: the guard keeps counting from the last time it trusted; no lockout ends by the computer's clock.",
    ]);
  });

  it('saves the last trusted server time, from which a restarted worker counts before the server answers', async () => {
    const { w, pass, time, make, ping } = world();
    await ping();
    await ping();
    await time.save();
    const saved = time.clock.saved()?.serverMs ?? 0;
    // The browser is closed for eight hours; the computer's clock is set a day ahead meanwhile.
    pass(8 * HOUR);
    w.skew = 24 * HOUR;
    const restarted = make();
    await restarted.load();
    expect(restarted.clock.status().source).toBe('saved');
    expect(Math.abs(restarted.clock.now() - saved)).toBeLessThan(1000);
    expect(restarted.clock.now()).toBeLessThan(w.server);
  });
});

describe('durations in the journal', () => {
  it('reads as the two largest units', () => {
    expect(formatDuration(86_399_600)).toBe('24 h');
    expect(formatDuration(-(8 * HOUR + 90_000))).toBe('8 h 2 min');
    expect(formatDuration(61_400)).toBe('1 min 1 s');
    expect(formatDuration(4_200)).toBe('4 s');
  });
});
