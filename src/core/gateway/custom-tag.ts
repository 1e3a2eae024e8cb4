/**
 * The `customTag` the guard puts on every order it places: the API's one idempotency handle
 * (unique per account; an order can be found by it after an ambiguous failure). Derived from
 * the intent id, so a restarted worker resuming the intent looks for the same tag.
 *
 * The real length limit is undocumented; 50 characters is well inside what clients in the
 * wild use. Ids that would exceed it are replaced by a stable 64-bit FNV-1a digest.
 */
export const CUSTOM_TAG_PREFIX = 'rg-';
export const MAX_CUSTOM_TAG_LENGTH = 50;

export function customTagFor(intentId: string): string {
  const safe = intentId.replace(/[^A-Za-z0-9_.-]/g, '_');
  const direct = `${CUSTOM_TAG_PREFIX}${safe}`;
  if (direct.length <= MAX_CUSTOM_TAG_LENGTH && safe === intentId) return direct;
  return `${CUSTOM_TAG_PREFIX}h${fnv1a64(intentId)}`;
}

export function isGuardTag(tag: string | null | undefined): boolean {
  return typeof tag === 'string' && tag.startsWith(CUSTOM_TAG_PREFIX);
}

function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
