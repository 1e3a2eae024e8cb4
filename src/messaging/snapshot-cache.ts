import { SNAPSHOT_CACHE_KEY } from './early-requests';
import { type GuardSnapshot, GuardSnapshotSchema } from './snapshot';

/**
 * The last snapshot in storage.session, so the popup paints real data in its first frame
 * even while the worker is waking up. Snapshots hold no secret (the schema has no field for
 * one), and storage.session is cleared when the browser closes. The worker writes it on
 * every change; views read and VALIDATE it (a stale or malformed cache is ignored).
 */
export { SNAPSHOT_CACHE_KEY };

export interface SessionAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
}

/** A cached snapshot as read from storage, or null when it is missing or malformed. */
export function parseCachedSnapshot(raw: unknown): GuardSnapshot | null {
  const parsed = GuardSnapshotSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function readCachedSnapshot(area: SessionAreaLike): Promise<GuardSnapshot | null> {
  try {
    return parseCachedSnapshot((await area.get(SNAPSHOT_CACHE_KEY))[SNAPSHOT_CACHE_KEY]);
  } catch {
    return null;
  }
}
