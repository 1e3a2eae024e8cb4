/**
 * What a view asks the worker for before its own modules are loaded. Opening the popup costs
 * a new document and its modules (Preact, the protocol's zod schemas); asking for the snapshot
 * and reading the cached one only after all that put the worker's answer at the end of the
 * queue. The popup's entry imports this file alone (no zod, no Preact), sends both at once,
 * then loads the view, which validates what arrived (client.ts `parseAnswer`,
 * snapshot-cache.ts `parseCachedSnapshot`) before rendering it.
 */
export const SNAPSHOT_CACHE_KEY = 'riskGuard.lastSnapshot';

export interface EarlyRequests {
  /** The raw answer to `getSnapshot` (an envelope; unvalidated). */
  snapshot: Promise<unknown>;
  /** The raw cached snapshot from storage.session (unvalidated), or undefined. */
  cached: Promise<unknown>;
  /** What has arrived so far, for a first render that already has data. */
  readonly arrived: { snapshot?: unknown; cached?: unknown };
}

export function startEarlyRequests(
  runtime: { sendMessage(message: unknown): Promise<unknown> },
  session: { get(key: string): Promise<Record<string, unknown>> } | undefined,
): EarlyRequests {
  const arrived: { snapshot?: unknown; cached?: unknown } = {};
  const snapshot = runtime.sendMessage({ type: 'getSnapshot' });
  const none: Record<string, unknown> = {};
  const cached = (session ? session.get(SNAPSHOT_CACHE_KEY) : Promise.resolve(none))
    .then((r) => r[SNAPSHOT_CACHE_KEY])
    .catch(() => undefined);
  void snapshot.then(
    (raw) => {
      arrived.snapshot = raw;
    },
    () => undefined,
  );
  void cached.then((raw) => {
    arrived.cached = raw;
  });
  return { snapshot, cached, arrived };
}
