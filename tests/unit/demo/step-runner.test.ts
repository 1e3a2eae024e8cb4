import { describe, expect, it } from 'vitest';
import { CheckFailed, type DemoStep, runSteps, summaryLines, waitFor } from '../../../scripts/demo/step-runner';
import { createTimeline } from '../../../scripts/demo/timeline';

/** A virtual clock: sleeping advances it, so timeouts take no real time. */
function virtualTime() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function harness() {
  const time = virtualTime();
  const written: string[] = [];
  const timeline = createTimeline({ now: time.now, write: (s) => written.push(s) });
  // Step-level timers never fire in these tests (the probes' own timeouts do the work).
  const setTimer = () => () => {};
  return { time, written, deps: { ...time, timeline, setTimer } };
}

describe('waitFor', () => {
  it('resolves with the value and the time until the probe first held', async () => {
    const time = virtualTime();
    let calls = 0;
    const r = await waitFor(
      {
        expected: 'flat',
        timeoutMs: 1000,
        intervalMs: 50,
        probe: () => {
          calls++;
          return calls < 4 ? { ok: false, seen: `size ${4 - calls}` } : { ok: true, seen: 'flat', value: 'done' };
        },
      },
      time,
    );
    expect(r).toEqual({ value: 'done', elapsedMs: 150 });
  });

  it('times out with what was expected and the last thing seen', async () => {
    const time = virtualTime();
    const p = waitFor(
      { expected: 'account flat', timeoutMs: 200, probe: () => ({ ok: false, seen: 'long 2 ES' }) },
      time,
    );
    await expect(p).rejects.toBeInstanceOf(CheckFailed);
    await expect(p).rejects.toMatchObject({
      expected: 'account flat',
      seen: 'long 2 ES (after 200 ms)',
      timedOut: true,
    });
  });

  it('treats a throwing probe as an observation and keeps polling', async () => {
    const time = virtualTime();
    let calls = 0;
    const r = await waitFor(
      {
        expected: 'snapshot',
        timeoutMs: 1000,
        probe: async () => {
          calls++;
          if (calls === 1) throw new Error('worker restarting');
          return { ok: true, seen: 'ok', value: calls };
        },
      },
      time,
    );
    expect(r.value).toBe(2);
  });

  it('reports the throw when the probe never recovers', async () => {
    const time = virtualTime();
    await expect(
      waitFor(
        {
          expected: 'snapshot',
          timeoutMs: 100,
          probe: () => {
            throw new Error('no worker');
          },
        },
        time,
      ),
    ).rejects.toMatchObject({ seen: 'probe failed: no worker (after 100 ms)' });
  });
});

describe('runSteps', () => {
  it('passes when every step passes', async () => {
    const h = harness();
    const steps: DemoStep[] = [
      { title: 'connect', run: async () => h.time.advance(300) },
      { title: 'trade', run: async () => h.time.advance(200) },
    ];
    const report = await runSteps(steps, h.deps);
    expect(report.ok).toBe(true);
    expect(report.results.map((r) => [r.status, r.durationMs])).toEqual([
      ['passed', 300],
      ['passed', 200],
    ]);
    expect(h.written[0]).toContain('▶ 1. connect');
    expect(summaryLines(report).at(-1)).toBe('DEMO PASSED: 2/2 steps happened as scripted');
  });

  it('stops at the first failed check, prints expected vs seen and skips the rest', async () => {
    const h = harness();
    let thirdRan = false;
    const steps: DemoStep[] = [
      { title: 'connect', run: async () => {} },
      {
        title: 'breach',
        run: async () => {
          await waitFor(
            { expected: 'account flat', timeoutMs: 100, probe: () => ({ ok: false, seen: 'long 1' }) },
            h.deps,
          );
        },
      },
      {
        title: 'reset',
        run: async () => {
          thirdRan = true;
        },
      },
    ];
    const report = await runSteps(steps, h.deps);
    expect(report.ok).toBe(false);
    expect(thirdRan).toBe(false);
    expect(report.results.map((r) => r.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(report.results[1]).toMatchObject({ expected: 'account flat', seen: 'long 1 (after 100 ms)' });
    expect(h.written.join('\n')).toMatch(
      /✗ step 2 failed \(timed out\)[\s\S]*expected: account flat[\s\S]*seen: {5}long 1/,
    );
    expect(summaryLines(report)).toContain('·  3. reset (skipped)');
    expect(summaryLines(report).at(-1)).toBe('DEMO FAILED: 1/3 steps passed');
  });

  it('fails a step that throws an ordinary error, with its message', async () => {
    const h = harness();
    const report = await runSteps(
      [
        {
          title: 'configure',
          run: async () => {
            throw new Error('options page did not load');
          },
        },
      ],
      h.deps,
    );
    expect(report.ok).toBe(false);
    expect(report.results[0]).toMatchObject({ status: 'failed', seen: 'options page did not load' });
  });

  it('fails a step that outlives its own time limit', async () => {
    const h = harness();
    let fire: () => void = () => {};
    const deps = {
      ...h.deps,
      setTimer: (fn: () => void) => {
        fire = fn;
        return () => {};
      },
    };
    const report = await runSteps(
      [
        {
          title: 'hangs',
          timeoutMs: 5000,
          run: () => {
            queueMicrotask(() => fire());
            return new Promise<void>(() => {});
          },
        },
      ],
      deps,
    );
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      expected: 'step finished within 5.0 s',
      seen: 'still running',
    });
  });

  it('an empty script is not a pass by accident: zero steps run means ok with no results', async () => {
    const h = harness();
    const report = await runSteps([], h.deps);
    expect(report).toEqual({ ok: true, results: [] });
  });
});
