/** Immutable reads and writes at a path of a plain JSON value. */
export type Path = readonly (string | number)[];

export const pathKey = (path: Path): string => path.map(String).join('.');

export function getAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(p)];
  }
  return v;
}

/** Returns a copy with `next` at `path`; `undefined` removes the key. */
export function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const key = String(head);
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...value];
    copy[head] = setAt(copy[head], rest, next);
    return copy;
  }
  const obj = value !== null && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
  const child = setAt(obj[key], rest, next);
  if (child === undefined) delete obj[key];
  else obj[key] = child;
  return obj;
}
