import { type GuardSnapshot, GuardSnapshotSchema } from './snapshot';
import { SNAPSHOT_CACHE_KEY } from './snapshot-cache-key';

export { SNAPSHOT_CACHE_KEY };

/**
 * The last snapshot in storage.session, so the popup paints real data in its first frame
 * even while the worker is waking up. Snapshots hold no secret (the schema has no field for
 * one), and storage.session is cleared when the browser closes. The worker writes it on
 * every change; views read and VALIDATE it (a stale or malformed cache is ignored).
 */

export interface SessionAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
}

export async function readCachedSnapshot(area: SessionAreaLike): Promise<GuardSnapshot | null> {
  try {
    const raw = (await area.get(SNAPSHOT_CACHE_KEY))[SNAPSHOT_CACHE_KEY];
    const parsed = GuardSnapshotSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
