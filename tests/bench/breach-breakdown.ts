import { summarize } from '../../scripts/demo/stats';
import type { LatencyRecord } from '../../src/worker/latency-trace';

/**
 * Where the time goes, per measured breach, on one clock (the worker's trace is in epoch ms
 * with a sub-millisecond base, like the simulator's; same machine): the fill → the hub frame
 * reaching the guard's code (gateway send, socket, browser, worker) → the decision (parse,
 * reducer, rules) → the first request leaving (the enforcer, the REST client) → the close
 * arriving at the gateway (browser, socket). p50 and p99 each, and the share of breaches whose
 * first request was the close.
 */
export function breakdown(
  prefix: string,
  traces: readonly LatencyRecord[],
  breaches: ReadonlyArray<{ fillAt: number; closeAt: number }>,
): Record<string, number> {
  const rows = breaches.flatMap((b) => {
    const t = traces.find((r) => r.decidedAt >= b.fillAt && r.decidedAt <= b.closeAt);
    if (!t || t.frameAt === null || t.firstRequestAt === null) return [];
    return [
      {
        ...b,
        burstAt: t.burstAt ?? t.frameAt,
        frameAt: t.frameAt,
        decidedAt: t.decidedAt,
        requestAt: t.firstRequestAt,
        path: t.firstRequestPath,
      },
    ];
  });
  if (rows.length === 0) return { [`${prefix}.traces`]: 0 };
  const segment = (name: string, values: number[]) => {
    const s = summarize(values);
    return { [`${prefix}.${name}P50Ms`]: s.p50, [`${prefix}.${name}P99Ms`]: s.p99 };
  };
  return {
    ...segment(
      'fillToFrame',
      rows.map((r) => r.frameAt - r.fillAt),
    ),
    // The fill's first frame (its order update) and the frames before the trigger, on the worker's clock.
    ...segment(
      'fillToFirstFrame',
      rows.map((r) => r.burstAt - r.fillAt),
    ),
    ...segment(
      'firstFrameToTriggerFrame',
      rows.map((r) => r.frameAt - r.burstAt),
    ),
    ...segment(
      'frameToDecision',
      rows.map((r) => r.decidedAt - r.frameAt),
    ),
    ...segment(
      'decisionToFirstRequest',
      rows.map((r) => r.requestAt - r.decidedAt),
    ),
    ...segment(
      'firstRequestToArrival',
      rows.filter((r) => r.path === '/api/Position/closeContract').map((r) => r.closeAt - r.requestAt),
    ),
    [`${prefix}.firstRequestIsCloseShare`]:
      rows.filter((r) => r.path === '/api/Position/closeContract').length / rows.length,
    [`${prefix}.traces`]: rows.length,
  };
}
