import { z } from 'zod';

/**
 * The form is rendered from the JSON Schema zod 4 itself produces (`z.toJSONSchema`, input
 * side: fields with defaults are optional). That output carries the fields' `.meta()` (label,
 * unit, help, widget, option words, what empty means) and `.describe()`, bounds, enums and
 * defaults in one documented shape, so the renderer walks a stable format instead of zod
 * internals (`_zod.def`, which changes between releases). Validation still runs through the
 * zod schema itself (see problems.ts). Every meta key is optional: a field without any renders
 * from its JSON type with its key humanized.
 */

/** Controls more specific than the JSON type (the config declares them; see its field-meta). */
export type Widget = 'money' | 'percent-list' | 'time' | 'weekdays' | 'symbols' | 'symbol-table' | 'dates' | 'timezone';

export interface JsonNode {
  type?: string | string[];
  properties?: Record<string, JsonNode>;
  required?: string[];
  additionalProperties?: JsonNode | boolean;
  propertyNames?: JsonNode;
  items?: JsonNode;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  label?: string;
  title?: string;
  unit?: string;
  help?: string;
  description?: string;
  widget?: Widget | string;
  /** Words for enum values, by value. */
  options?: Record<string, string>;
  /** What an empty (null) value means: "no limit". */
  empty?: string;
  /** Shown only in the advanced part of the page. */
  advanced?: boolean;
  /** Never shown (a shared field this part does not use). */
  hidden?: boolean;
  $ref?: string;
  $defs?: Record<string, JsonNode>;
}

export interface FormSchema {
  root: JsonNode;
  /** Resolves local `$ref`s ("#/$defs/Name"); returns the node itself otherwise. */
  resolve(node: JsonNode): JsonNode;
}

export function formSchemaOf(schema: z.ZodType): FormSchema {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonNode;
  const defs = root.$defs ?? {};
  const resolve = (node: JsonNode): JsonNode => {
    let n = node;
    for (let i = 0; i < 20 && n.$ref !== undefined; i++) {
      const name = n.$ref.replace(/^#\/\$defs\//, '');
      const target = defs[name];
      if (target === undefined) break;
      const { $ref: _ignored, ...rest } = n;
      n = { ...target, ...rest };
    }
    return n;
  };
  return { root, resolve };
}

export type NodeKind =
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean; nullable: boolean }
  | { kind: 'string'; nullable: boolean }
  | { kind: 'enum'; options: readonly (string | number)[]; nullable: boolean }
  | { kind: 'scalar-list'; item: JsonNode; itemType: 'number' | 'integer' | 'string' }
  | { kind: 'object-list'; item: JsonNode }
  | { kind: 'object'; properties: Record<string, JsonNode>; required: readonly string[] }
  | { kind: 'record'; value: JsonNode; keys: JsonNode | null }
  | { kind: 'union'; variants: JsonNode[] }
  | { kind: 'json' };

const types = (n: JsonNode): string[] => (n.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type]);

function isNullNode(n: JsonNode): boolean {
  const t = types(n);
  return t.length === 1 && t[0] === 'null';
}

/** Decides which control renders a node. */
export function nodeKind(node: JsonNode, resolve: FormSchema['resolve']): NodeKind {
  const n = resolve(node);
  const union = n.anyOf ?? n.oneOf;
  if (union !== undefined) {
    const variants = union.map(resolve);
    const nonNull = variants.filter((v) => !isNullNode(v));
    const nullable = nonNull.length < variants.length;
    if (nonNull.length > 0 && nonNull.every((v) => v.const !== undefined && typeof v.const !== 'object')) {
      return { kind: 'enum', options: nonNull.map((v) => v.const as string | number), nullable };
    }
    if (nonNull.length === 1 && nullable) {
      const inner = nodeKind({ ...nonNull[0], default: undefined }, resolve);
      if (inner.kind === 'number' || inner.kind === 'string' || inner.kind === 'enum')
        return { ...inner, nullable: true };
    }
    return { kind: 'union', variants: nonNull };
  }
  const t = types(n);
  const nullable = t.includes('null');
  const main = t.filter((x) => x !== 'null');
  if (n.enum !== undefined) {
    return { kind: 'enum', options: n.enum.filter((x): x is string | number => x !== null), nullable };
  }
  if (n.const !== undefined && typeof n.const !== 'object')
    return { kind: 'enum', options: [n.const as string], nullable };
  if (main.length !== 1) return { kind: 'json' };
  switch (main[0]) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'number':
    case 'integer':
      return { kind: 'number', integer: main[0] === 'integer', nullable };
    case 'string':
      return { kind: 'string', nullable };
    case 'array': {
      const item = n.items === undefined ? null : resolve(n.items);
      if (item === null) return { kind: 'json' };
      const it = types(item);
      if (
        item.enum === undefined &&
        it.length === 1 &&
        (it[0] === 'number' || it[0] === 'integer' || it[0] === 'string')
      ) {
        return { kind: 'scalar-list', item, itemType: it[0] };
      }
      if (it.length === 1 && it[0] === 'object' && item.properties !== undefined) return { kind: 'object-list', item };
      return { kind: 'json' };
    }
    case 'object': {
      if (n.properties !== undefined) return { kind: 'object', properties: n.properties, required: n.required ?? [] };
      if (typeof n.additionalProperties === 'object') {
        return { kind: 'record', value: n.additionalProperties, keys: n.propertyNames ?? null };
      }
      return { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/** "maxContractsPerInstrument" → "Max contracts per instrument". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function labelOf(node: JsonNode, key: string): string {
  return node.label ?? node.title ?? humanize(key);
}

/** The words for one enum value: its `options` entry, or the value humanized ("reduce" → "Reduce"). */
export function optionLabel(node: JsonNode, value: unknown): string {
  const key = String(value);
  return node.options?.[key] ?? humanize(key);
}

export function helpOf(node: JsonNode): string | undefined {
  return node.help ?? node.description;
}

/** A sensible value when a field is created (a new list entry, a union variant). */
export function initialValue(node: JsonNode, resolve: FormSchema['resolve']): unknown {
  const n = resolve(node);
  if (n.default !== undefined) return structuredClone(n.default);
  if (n.const !== undefined) return n.const;
  const k = nodeKind(n, resolve);
  switch (k.kind) {
    case 'boolean':
      return false;
    case 'number':
      return k.nullable ? null : (n.minimum ?? 0);
    case 'string':
      return k.nullable ? null : '';
    case 'enum':
      return k.options[0];
    case 'scalar-list':
    case 'object-list':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(k.properties)) {
        const c = resolve(child);
        // Required keys, and discriminators (consts), must exist for the object to parse.
        if (k.required.includes(key) || c.const !== undefined) out[key] = initialValue(c, resolve);
      }
      return out;
    }
    case 'record':
      return {};
    case 'union':
      return k.variants[0] === undefined ? null : initialValue(k.variants[0], resolve);
    default:
      return null;
  }
}
