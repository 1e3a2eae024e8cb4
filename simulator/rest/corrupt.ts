import type { RestReply } from './common';

/**
 * The `corrupt` fault: the answer as handled, with one field replaced (a gateway that changed
 * a type, a proxy that mangled a value). A copy: the engine's own objects are never touched.
 */
export function corruptReply(reply: RestReply, path: string, value: unknown = 'corrupted'): RestReply {
  if (reply.body === null || typeof reply.body !== 'object') return reply;
  const body: unknown = structuredClone(reply.body);
  const keys = path.split('.');
  const last = keys.pop();
  let at: unknown = body;
  for (const key of keys) {
    if (at === null || typeof at !== 'object') return reply;
    at = (at as Record<string, unknown>)[key];
  }
  if (last === undefined || at === null || typeof at !== 'object' || !(last in at)) return reply;
  (at as Record<string, unknown>)[last] = value;
  return { ...reply, body };
}
