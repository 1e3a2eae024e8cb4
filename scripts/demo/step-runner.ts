import { errorMessage } from '../../src/core/error-message';
import { formatDuration, type Timeline } from './timeline';

/**
 * The demo's step engine. A step acts (as the trader, the market or the network) and then
 * proves what must have followed with explicit checks: each check polls a probe against the
 * simulator's ledger or the guard's snapshot/journal until it holds or its timeout passes.
 * A failed check says what was expected and what was last seen; the run stops there
 * (later steps build on earlier ones) and the demo exits 1.
 *
 *   step ──run()──▶ checks ──all hold──▶ passed
 *                     │
 *                     └──timeout / throw──▶ failed (expected vs seen) ──▶ remaining: skipped
 */

export interface Probe<T> {
  ok: boolean;
  /** What was observed, in words, for the failure message. */
  seen: string;
  value?: T;
}

export interface Expectation<T> {
  expected: string;
  timeoutMs: number;
  intervalMs?: number;
  probe: () => Promise<Probe<T>> | Probe<T>;
}

export class CheckFailed extends Error {
  override name = 'CheckFailed';
  constructor(
    readonly expected: string,
    readonly seen: string,
    readonly timedOut: boolean,
  ) {
    super(`expected ${expected}; seen ${seen}`);
  }
}

export interface WaitDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface Waited<T> {
  value: T | undefined;
  /** From the call until the probe first held. */
  elapsedMs: number;
}

/** Polls `e.probe` until it holds; throws CheckFailed with the last observation on timeout. */
export async function waitFor<T>(e: Expectation<T>, deps: WaitDeps): Promise<Waited<T>> {
  const started = deps.now();
  const interval = e.intervalMs ?? 25;
  let seen = 'nothing observed yet';
  for (;;) {
    try {
      const r = await e.probe();
      if (r.ok) return { value: r.value, elapsedMs: deps.now() - started };
      seen = r.seen;
    } catch (error) {
      // A probe that throws (page reloading, worker restarting) is an observation, not the end.
      seen = `probe failed: ${errorMessage(error)}`;
    }
    if (deps.now() - started >= e.timeoutMs) {
      throw new CheckFailed(e.expected, `${seen} (after ${formatDuration(e.timeoutMs)})`, true);
    }
    await deps.sleep(interval);
  }
}

export interface DemoStep {
  title: string;
  /** Upper bound for the whole step (actions + checks); default 60 s. */
  timeoutMs?: number;
  run(): Promise<void>;
}

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface DemoStepResult {
  title: string;
  status: StepStatus;
  durationMs: number;
  expected?: string;
  seen?: string;
}

export interface RunReport {
  ok: boolean;
  results: DemoStepResult[];
}

export async function runSteps(
  steps: readonly DemoStep[],
  deps: WaitDeps & { timeline: Timeline; setTimer?: (fn: () => void, ms: number) => () => void },
): Promise<RunReport> {
  const { timeline } = deps;
  const setTimer =
    deps.setTimer ??
    ((fn: () => void, ms: number) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    });
  const results: DemoStepResult[] = [];
  let failed = false;
  for (const [i, step] of steps.entries()) {
    if (failed) {
      results.push({ title: step.title, status: 'skipped', durationMs: 0 });
      continue;
    }
    timeline.step(`${i + 1}. ${step.title}`);
    const started = deps.now();
    const limit = step.timeoutMs ?? 60_000;
    let cancel = (): void => {};
    const overtime = new Promise<never>((_, reject) => {
      cancel = setTimer(
        () => reject(new CheckFailed(`step finished within ${formatDuration(limit)}`, 'still running', true)),
        limit,
      );
    });
    try {
      await Promise.race([step.run(), overtime]);
      results.push({ title: step.title, status: 'passed', durationMs: deps.now() - started });
    } catch (error) {
      failed = true;
      const durationMs = deps.now() - started;
      if (error instanceof CheckFailed) {
        timeline.fail(`step ${i + 1} failed${error.timedOut ? ' (timed out)' : ''}`);
        timeline.detail(`expected: ${error.expected}`);
        timeline.detail(`seen:     ${error.seen}`);
        results.push({ title: step.title, status: 'failed', durationMs, expected: error.expected, seen: error.seen });
      } else {
        const message = errorMessage(error);
        timeline.fail(`step ${i + 1} failed: ${message}`);
        results.push({ title: step.title, status: 'failed', durationMs, expected: 'no error', seen: message });
      }
    } finally {
      cancel();
    }
  }
  return { ok: !failed && results.every((r) => r.status === 'passed'), results };
}

/** The closing lines: one per step, then PASS/FAIL. */
export function summaryLines(report: RunReport): string[] {
  const mark = { passed: '✓', failed: '✗', skipped: '·' } as const;
  const lines = report.results.map(
    (r, i) =>
      `${mark[r.status]} ${String(i + 1).padStart(2)}. ${r.title}${r.status === 'skipped' ? ' (skipped)' : ` (${formatDuration(r.durationMs)})`}`,
  );
  const passed = report.results.filter((r) => r.status === 'passed').length;
  lines.push(
    report.ok
      ? `DEMO PASSED: ${passed}/${report.results.length} steps happened as scripted`
      : `DEMO FAILED: ${passed}/${report.results.length} steps passed`,
  );
  return lines;
}

/** A check that is decided at once (no polling): fails the step with expected vs seen. */
export function failCheck(expected: string, seen: string): never {
  throw new CheckFailed(expected, seen, false);
}
