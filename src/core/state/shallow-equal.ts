/** Own-key, `===` equality of two flat records (gateway entities are flat). */
export function shallowEqual(a: object, b: object): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    if (ra[k] !== rb[k] || !(k in rb)) return false;
  }
  return true;
}
