/**
 * The alert tone, synthesised with WebAudio so no audio file ships with the extension.
 * `tonePlan` is pure (what to play per level); `playTone` schedules it on any AudioContext-like
 * object, so both the Chrome offscreen document and Firefox's event page use the same code and
 * tests can check it with a fake context.
 *
 *   soft : one short, quiet 660 Hz beep
 *   loud : three louder, longer beeps rising 880 → 1175 Hz (hard to miss across the room)
 */

export type ToneLevel = 'soft' | 'loud';

export interface ToneNote {
  frequencyHz: number;
  /** Seconds after the tone starts. */
  startS: number;
  durationS: number;
  /** Peak gain, 0..1. */
  gain: number;
}

export function tonePlan(level: ToneLevel): ToneNote[] {
  if (level === 'soft') return [{ frequencyHz: 660, startS: 0, durationS: 0.15, gain: 0.15 }];
  return [
    { frequencyHz: 880, startS: 0, durationS: 0.2, gain: 0.5 },
    { frequencyHz: 880, startS: 0.3, durationS: 0.2, gain: 0.5 },
    { frequencyHz: 1175, startS: 0.6, durationS: 0.3, gain: 0.5 },
  ];
}

/** Total length of a plan in seconds (when the context may be closed). */
export function toneLengthS(plan: readonly ToneNote[]): number {
  return plan.reduce((end, n) => Math.max(end, n.startS + n.durationS), 0);
}

/** The slice of WebAudio used here; the real AudioContext satisfies it. */
export interface AudioParamLike {
  setValueAtTime(value: number, time: number): unknown;
  linearRampToValueAtTime(value: number, time: number): unknown;
}
export interface AudioNodeLike {
  connect(destination: unknown): unknown;
}
export interface OscillatorLike extends AudioNodeLike {
  type: string;
  frequency: AudioParamLike;
  start(when: number): void;
  stop(when: number): void;
}
export interface GainLike extends AudioNodeLike {
  gain: AudioParamLike;
}
export interface AudioContextLike {
  readonly currentTime: number;
  readonly destination: unknown;
  readonly state?: string;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
  resume?(): Promise<void>;
}

/** Short attack/release so the beep does not click. */
const RAMP_S = 0.01;

/** Schedules the plan on `ctx`; returns the plan's length in seconds. */
export function playTone(ctx: AudioContextLike, level: ToneLevel): number {
  const plan = tonePlan(level);
  if (ctx.state === 'suspended') void ctx.resume?.().catch(() => undefined);
  const t0 = ctx.currentTime;
  for (const note of plan) {
    const osc = ctx.createOscillator();
    const amp = ctx.createGain();
    osc.type = 'sine';
    const start = t0 + note.startS;
    const end = start + note.durationS;
    osc.frequency.setValueAtTime(note.frequencyHz, start);
    amp.gain.setValueAtTime(0, start);
    amp.gain.linearRampToValueAtTime(note.gain, start + RAMP_S);
    amp.gain.linearRampToValueAtTime(0, end);
    osc.connect(amp);
    amp.connect(ctx.destination);
    osc.start(start);
    osc.stop(end + RAMP_S);
  }
  return toneLengthS(plan);
}
