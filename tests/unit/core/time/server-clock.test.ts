import { describe, expect, it } from 'vitest';
import { createServerClock, LOCAL_JUMP_MS, type ServerTimeSample } from '../../../../src/core/time/server-clock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tuesday 24 November 2026, 10:00:00.250 CST on the server. */
const T0 = Date.parse('2026-11-24T16:00:00.250Z');

/**
 * A fake world: the server's true time, a monotonic clock that counts the same milliseconds,
 * and the computer's wall clock, which the trader can set (`skew`).
 */
function world(options: { skew?: number } = {}) {
  const w = { server: T0, mono: 5_000, skew: options.skew ?? 0 };
  const clock = createServerClock({ wall: { now: () => w.server + w.skew }, monotonic: { now: () => w.mono } });
  const pass = (ms: number) => {
    w.server += ms;
    w.mono += ms;
  };
  /** A REST answer with a `Date` header, round trip `rtt` ms, ending now; `lie` shifts the server's answer. */
  const date = (rtt = 20, lie = 0): ServerTimeSample => {
    const read = w.server - rtt / 2 + lie;
    return { kind: 'window', serverMs: Math.floor(read / 1000) * 1000, sentMono: w.mono - rtt, receivedMono: w.mono };
  };
  /** A few answers a few hundred ms apart (a reconcile's reads). */
  const answers = (n: number) => {
    for (let i = 0; i < n; i++) {
      clock.observe(date());
      pass(300);
    }
  };
  return { w, clock, pass, date, answers };
}

describe('the guard’s time, from the server’s clock', () => {
  it('is the computer’s clock, to the millisecond, while it agrees with the server', () => {
    const { w, clock, answers } = world({ skew: 120 });
    answers(3);
    expect(clock.confirmed()).toBe(true);
    expect(clock.now()).toBe(w.server + 120);
    expect(clock.status()).toMatchObject({ source: 'server', skewMs: 0 });
  });

  it('ignores a computer clock set a day ahead: it keeps the server’s time and counts on the monotonic clock', () => {
    const { w, clock, pass, answers } = world();
    answers(3);
    w.skew = DAY;
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
    pass(10 * 60_000); // ten minutes without a single answer from the server
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
    expect(clock.status().skewMs).toBeGreaterThan(DAY - 1001);
  });

  it('ignores a computer clock set back: nothing that ended comes back, nothing is restored', () => {
    const { w, clock, answers } = world();
    answers(3);
    w.skew = -DAY;
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
  });

  it('is held by a skewed clock within about a second of the server, from the first answers on', () => {
    const { w, clock, answers } = world({ skew: 8 * HOUR });
    answers(2);
    expect(clock.now()).toBeGreaterThanOrEqual(w.server - 1000);
    expect(clock.now()).toBeLessThanOrEqual(w.server + 1000);
  });

  it('is moved by no single bad answer, not even the first: it takes a second one that agrees', () => {
    const { w, clock, pass, date } = world();
    clock.observe(date(20, HOUR)); // a stale proxy, a broken header: an hour ahead
    expect(clock.confirmed()).toBe(false);
    pass(300);
    clock.observe(date());
    expect(clock.confirmed()).toBe(false); // two answers that disagree confirm nothing
    pass(300);
    expect(clock.observe(date())).toBe(true);
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
    // Once confirmed, one bad answer among good ones changes nothing.
    pass(300);
    expect(clock.observe(date(20, 6 * HOUR))).toBe(false);
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
    pass(300);
    expect(clock.observe(date(20, -6 * HOUR))).toBe(false);
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
  });

  it('follows a real step of the server’s clock (or a monotonic clock that stood still in sleep) after three answers', () => {
    const { w, clock, pass, date, answers } = world();
    answers(3);
    w.server += 2 * HOUR; // the computer slept two hours; the monotonic clock did not count them
    w.skew = 0;
    const moved: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      moved.push(clock.observe(date()));
      pass(300);
    }
    expect(moved).toEqual([false, false, true]);
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
  });

  it('narrows to the millisecond-ish as answers come in at different fractions of a second', () => {
    const { w, clock, pass, date } = world({ skew: HOUR });
    for (let i = 0; i < 5; i++) {
      clock.observe(date(4));
      pass(1_237);
    }
    expect(clock.status().uncertaintyMs).toBeLessThan(300);
    expect(Math.abs(clock.now() - w.server)).toBeLessThan(300);
  });

  it('lets the wall clock lead by the monotonic clock’s possible drift after hours without an answer', () => {
    const { w, clock, pass, date } = world();
    for (let i = 0; i < 5; i++) {
      clock.observe(date(4));
      pass(1_237);
    }
    w.skew = HOUR;
    const edge = clock.now() - w.server; // how far ahead of the truth the confirmed interval reaches
    pass(HOUR);
    w.skew = edge + 300; // 100 ppm of an hour is 360 ms
    expect(clock.now()).toBe(w.server + w.skew);
    w.skew = edge + 500;
    expect(clock.now()).toBe(w.server + edge + 360);
  });

  it('takes a live event’s stamp as proof that the server is at least that late, when it shows the estimate 30 s behind', () => {
    const { w, clock, pass, answers } = world();
    answers(3);
    const stamp = (): ServerTimeSample => ({ kind: 'after', serverMs: w.server - 50, receivedMono: w.mono });
    // Consistent stamps say nothing new.
    expect(clock.observe(stamp())).toBe(false);
    w.server += HOUR; // the monotonic clock stood still for an hour
    w.skew = -HOUR;
    expect(clock.observe(stamp())).toBe(false);
    pass(100);
    expect(clock.observe(stamp())).toBe(false);
    pass(100);
    expect(clock.observe(stamp())).toBe(true);
    expect(clock.now()).toBeGreaterThanOrEqual(w.server - 2_000);
    expect(clock.now()).toBeLessThanOrEqual(w.server);
  });
});

describe('the guard’s time before the server has answered', () => {
  it('is confirmed by two live stamps, never by old ones replayed', () => {
    const { w, clock, pass } = world();
    clock.restore({ serverMs: T0 - 10 * 60_000, wallMs: T0 - 10 * 60_000 });
    const stamp = (ageMs: number): ServerTimeSample => ({
      kind: 'after',
      serverMs: w.server - ageMs,
      receivedMono: w.mono,
    });
    expect(clock.observe(stamp(HOUR))).toBe(false);
    expect(clock.observe(stamp(HOUR))).toBe(false);
    expect(clock.confirmed()).toBe(false);
    pass(200);
    clock.observe(stamp(30));
    pass(200);
    expect(clock.observe(stamp(30))).toBe(true);
    expect(clock.now()).toBeGreaterThan(w.server - 2_000);
  });

  it('is, after a restart, the last trusted server time plus monotonic time: never the computer’s clock set ahead', () => {
    const { w, clock, pass } = world({ skew: DAY });
    const saved = { serverMs: T0 - 8 * HOUR, wallMs: T0 - 8 * HOUR };
    clock.restore(saved);
    expect(clock.now()).toBe(saved.serverMs);
    pass(60_000);
    expect(clock.now()).toBe(saved.serverMs + 60_000);
    expect(clock.status()).toEqual({ source: 'saved', skewMs: null, uncertaintyMs: null });
    // For computing an end, the latest it could be: the computer's clock (as skewed when saved).
    expect(clock.latest()).toBe(w.server + DAY);
    // The floor is itself a trusted time: saving it again loses nothing.
    expect(clock.saved()?.serverMs).toBe(saved.serverMs + 60_000);
  });

  it('is, on a first run, the computer’s clock when the worker started plus monotonic time, and saves nothing', () => {
    const { w, clock, pass } = world();
    const start = clock.now();
    w.skew = DAY; // set ahead after the start: not obeyed
    pass(1000);
    expect(clock.now()).toBe(start + 1000);
    expect(clock.status().source).toBe('local');
    expect(clock.saved()).toBeNull();
  });

  it('gives way to the server once it answers, and then ignores a late restore', () => {
    const { w, clock, answers } = world();
    clock.restore({ serverMs: T0 - HOUR, wallMs: T0 - HOUR });
    answers(2);
    expect(clock.status().source).toBe('server');
    clock.restore({ serverMs: T0 - 5 * HOUR, wallMs: T0 - 5 * HOUR });
    expect(Math.abs(clock.now() - w.server)).toBeLessThanOrEqual(1000);
    expect(clock.latest()).toBe(clock.now());
  });

  it('saves the earliest the server’s time can be: never ahead of the truth', () => {
    const { w, clock, answers } = world({ skew: HOUR });
    answers(3);
    const saved = clock.saved();
    expect(saved?.serverMs).toBeLessThanOrEqual(w.server);
    expect(saved?.serverMs).toBeGreaterThan(w.server - 1100);
    expect(saved?.wallMs).toBe(w.server + HOUR);
  });
});

describe('the computer’s clock moving against the guard’s time', () => {
  it('is reported once per move, with its size, and when it comes back', () => {
    const { w, clock, pass, answers } = world();
    answers(3);
    expect(clock.check()).toBeNull();
    w.skew = 8 * HOUR;
    const ahead = clock.check();
    expect(ahead?.changeMs).toBeGreaterThan(8 * HOUR - 1001);
    expect(ahead?.skewMs).toBeGreaterThan(8 * HOUR - 1001);
    pass(1000);
    expect(clock.check()).toBeNull();
    w.skew = 0;
    expect(clock.check()?.changeMs).toBeLessThan(-(8 * HOUR - 1001));
    expect(clock.check()).toBeNull();
  });

  it('is reported at once when the computer’s clock is already off when the server first answers', () => {
    const { clock, answers } = world({ skew: -LOCAL_JUMP_MS - 2000 });
    answers(3);
    expect(clock.check()).toMatchObject({ source: 'server' });
  });

  it('is watched against the monotonic clock while the server is unknown', () => {
    const { w, clock, pass } = world();
    pass(1000);
    expect(clock.check()).toBeNull();
    w.skew = HOUR;
    expect(clock.check()).toEqual({ changeMs: HOUR, skewMs: null, source: 'local' });
  });

  it('says when the wall clock moved against the monotonic one (time to ask the server)', () => {
    const { w, clock, pass } = world();
    expect(clock.moved()).toBe(false);
    pass(60_000);
    expect(clock.moved()).toBe(false);
    w.skew = 2_500;
    expect(clock.moved()).toBe(true);
    expect(clock.moved()).toBe(false);
  });
});
