import { type FormSchema, humanize, type JsonNode } from './json-node';
import type { Path } from './paths';

/**
 * Walking the rendered JSON Schema by a value's path: the node a path lands on (to format a
 * pending change or a problem with the field's own unit and words), and the labels along the
 * way ("Daily realized loss › Loss limit") so a problem is named as the page names it, never
 * by its dotted path.
 */

function child(schema: FormSchema, node: JsonNode, key: string | number): JsonNode | null {
  const n = schema.resolve(node);
  const variants = n.anyOf ?? n.oneOf;
  if (variants) {
    for (const v of variants) {
      const hit = child(schema, v, key);
      if (hit) return hit;
    }
    return null;
  }
  if (n.properties && typeof key === 'string' && n.properties[key]) return schema.resolve(n.properties[key]);
  if (n.items && (typeof key === 'number' || /^\d+$/.test(key))) return schema.resolve(n.items);
  if (typeof n.additionalProperties === 'object') return schema.resolve(n.additionalProperties);
  return null;
}

/** The node at `path`, or null when the schema has no such place (an unknown key). */
export function nodeAt(schema: FormSchema, path: Path): JsonNode | null {
  let node: JsonNode | null = schema.root;
  for (const key of path) {
    if (node === null) return null;
    node = child(schema, node, key);
  }
  return node;
}

/** A node's own label; a union (e.g. "not set, or the rule's block") takes its labelled variant's. */
function ownLabel(schema: FormSchema, node: JsonNode): string | undefined {
  const n = schema.resolve(node);
  if (n.label ?? n.title) return n.label ?? n.title;
  for (const v of n.anyOf ?? n.oneOf ?? []) {
    const r = schema.resolve(v);
    if (r.label ?? r.title) return r.label ?? r.title;
  }
  return undefined;
}

/**
 * The labels down to `path`: containers without a label of their own (the config's plumbing,
 * like `defaultProfile`) are left out, list entries read "row N", record keys stay as typed.
 */
export function labelTrail(schema: FormSchema, path: Path): string[] {
  const out: string[] = [];
  let node: JsonNode | null = schema.root;
  path.forEach((key, i) => {
    const parent: JsonNode | null = node === null ? null : schema.resolve(node);
    node = node === null ? null : child(schema, node, key);
    const last = i === path.length - 1;
    const isItem = parent?.items !== undefined && (typeof key === 'number' || /^\d+$/.test(String(key)));
    const isRecordKey = parent !== null && !parent.properties && typeof parent.additionalProperties === 'object';
    if (isItem) out.push(`row ${Number(key) + 1}`);
    else if (isRecordKey) out.push(String(key));
    else if (node !== null && ownLabel(schema, node)) out.push(ownLabel(schema, node) as string);
    else if (last || node === null) out.push(humanize(String(key)));
  });
  return out;
}
