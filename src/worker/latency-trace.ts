import type { FetchLike } from '../core/ports';
import type { HubTransportFactory } from '../core/realtime/hub-transport';

/**
 * Where the time goes inside the guard between a breach and its first request (local builds
 * only, read by the browser benchmark through the dev hook): for each enforcement decided,
 *
 *   burstAt         the first frame of the burst the triggering frame ended: frames less than
 *                   BURST_GAP_MS apart (a fill's order, trade and position updates go out in one
 *                   tick), so burstAt → frameAt is the time spent on the frames before the trigger
 *   frameAt         the user-hub frame that carried the triggering event arrived (before SignalR
 *                   parsed it; the decision is taken in the same task, so it is the last frame)
 *   decidedAt       the rules returned the enforcement (after parse, reducer and rules)
 *   firstRequestAt  the first REST request after it left (fetch called), and its path
 *
 * Times are epoch milliseconds with a sub-millisecond base (performance.timeOrigin + now()), so
 * the benchmark can put them beside the simulator's own times on the same machine (the fill,
 * the close's arrival) and see the hops outside the guard's code too.
 */
export interface LatencyRecord {
  burstAt: number | null;
  frameAt: number | null;
  decidedAt: number;
  firstRequestAt: number | null;
  firstRequestPath: string | null;
}

export interface LatencyTrace {
  frame(): void;
  decided(): void;
  request(url: string): void;
  records(): LatencyRecord[];
  /** Wraps the hub factory so every frame of every hub is marked (the user hub carries the breaches). */
  hubFactory(inner: HubTransportFactory): HubTransportFactory;
  fetch(inner: FetchLike): FetchLike;
}

/** As kept: the request's whole URL, parsed only when read (parsing it would sit between the decision and the close). */
type OpenRecord = Omit<LatencyRecord, 'firstRequestPath'> & { firstRequestUrl: string | null };

const MAX_RECORDS = 1000;
/** Frames closer than this belong to one burst (one tick of the gateway). */
const BURST_GAP_MS = 5;

export function createLatencyTrace(now: () => number = () => performance.timeOrigin + performance.now()): LatencyTrace {
  let lastFrameAt: number | null = null;
  let burstAt: number | null = null;
  let open: OpenRecord | null = null;
  const records: OpenRecord[] = [];
  const trace: LatencyTrace = {
    frame() {
      const at = now();
      if (lastFrameAt === null || burstAt === null || at - lastFrameAt >= BURST_GAP_MS) burstAt = at;
      lastFrameAt = at;
    },
    decided() {
      open = { burstAt, frameAt: lastFrameAt, decidedAt: now(), firstRequestAt: null, firstRequestUrl: null };
      records.push(open);
      if (records.length > MAX_RECORDS) records.shift();
    },
    request(url) {
      if (!open || open.firstRequestAt !== null) return;
      open.firstRequestAt = now();
      open.firstRequestUrl = url;
      open = null;
    },
    records: () =>
      records.map(({ firstRequestUrl, ...r }) => ({
        ...r,
        firstRequestPath: firstRequestUrl === null ? null : new URL(firstRequestUrl).pathname,
      })),
    hubFactory: (inner) => (options) => {
      const transport = inner(options);
      // Registered first, so the mark comes before the guard's own handlers run.
      transport.onAnyMessage(() => trace.frame());
      return transport;
    },
    fetch: (inner) => (url, init) => {
      trace.request(String(url));
      return inner(url, init);
    },
  };
  return trace;
}
