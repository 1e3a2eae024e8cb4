import { describe, expect, it } from 'vitest';
import { type AudioContextLike, playTone, toneLengthS, tonePlan } from '../../../../src/worker/sound/tone';

function fakeContext(state = 'running') {
  const log: string[] = [];
  let resumed = 0;
  const param = (name: string) => ({
    setValueAtTime: (v: number, t: number) => log.push(`${name}=${v}@${t.toFixed(2)}`),
    linearRampToValueAtTime: (v: number, t: number) => log.push(`${name}->${v}@${t.toFixed(2)}`),
  });
  const oscillators: { started: number; stopped: number; type: string }[] = [];
  const ctx: AudioContextLike = {
    currentTime: 10,
    destination: 'speakers',
    state,
    resume: async () => {
      resumed += 1;
    },
    createOscillator() {
      const o = { started: -1, stopped: -1, type: '' };
      oscillators.push(o);
      return {
        get type() {
          return o.type;
        },
        set type(v: string) {
          o.type = v;
        },
        frequency: param('freq'),
        connect: () => undefined,
        start: (t: number) => {
          o.started = t;
        },
        stop: (t: number) => {
          o.stopped = t;
        },
      };
    },
    createGain: () => ({ gain: param('gain'), connect: () => log.push('gain->out') }),
  };
  return { ctx, log, oscillators, resumed: () => resumed };
}

describe('alert tone', () => {
  it('makes the soft tone quieter and shorter than the loud one', () => {
    const soft = tonePlan('soft');
    const loud = tonePlan('loud');
    expect(Math.max(...soft.map((n) => n.gain))).toBeLessThan(Math.min(...loud.map((n) => n.gain)));
    expect(toneLengthS(soft)).toBeLessThan(toneLengthS(loud));
    expect(loud.length).toBeGreaterThan(soft.length);
  });

  it('keeps every note audible, non-overlapping and under a second in total', () => {
    for (const level of ['soft', 'loud'] as const) {
      const plan = tonePlan(level);
      for (const n of plan) {
        expect(n.frequencyHz).toBeGreaterThanOrEqual(200);
        expect(n.frequencyHz).toBeLessThanOrEqual(2000);
        expect(n.gain).toBeGreaterThan(0);
        expect(n.gain).toBeLessThanOrEqual(1);
        expect(n.durationS).toBeGreaterThan(0);
      }
      for (let i = 1; i < plan.length; i += 1) {
        const prev = plan[i - 1];
        const cur = plan[i];
        if (prev && cur) expect(cur.startS).toBeGreaterThanOrEqual(prev.startS + prev.durationS);
      }
      expect(toneLengthS(plan)).toBeLessThan(1);
    }
  });

  it('schedules one sine oscillator per note from the context clock, ramping gain in and out', () => {
    const { ctx, log, oscillators } = fakeContext();
    const length = playTone(ctx, 'loud');
    expect(length).toBeCloseTo(toneLengthS(tonePlan('loud')));
    expect(oscillators).toHaveLength(3);
    expect(oscillators.every((o) => o.type === 'sine')).toBe(true);
    expect(oscillators[0]?.started).toBeCloseTo(10);
    expect(oscillators[2]?.started).toBeCloseTo(10.6);
    for (const o of oscillators) expect(o.stopped).toBeGreaterThan(o.started);
    expect(log).toContain('freq=1175@10.60');
    expect(log).toContain('gain=0@10.00');
    expect(log).toContain('gain->0.5@10.01');
    expect(log).toContain('gain->0@10.20');
    expect(log.filter((l) => l === 'gain->out')).toHaveLength(3);
  });

  it('resumes a suspended context before playing', () => {
    const suspended = fakeContext('suspended');
    playTone(suspended.ctx, 'soft');
    expect(suspended.resumed()).toBe(1);
    const running = fakeContext('running');
    playTone(running.ctx, 'soft');
    expect(running.resumed()).toBe(0);
  });
});
