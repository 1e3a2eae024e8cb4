/**
 * Where the worker keeps its last snapshot in storage.session (snapshot-cache.ts reads it).
 * A file of its own so the popup can ask for it before zod and the schemas are evaluated
 * (entrypoints/popup/ask-first.ts).
 */
export const SNAPSHOT_CACHE_KEY = 'riskGuard.lastSnapshot';
