import type { FormSchema, JsonNode } from '../../schema-form/json-node';
import { labelOf } from '../../schema-form/json-node';
import { nodeAt } from '../../schema-form/node-at';
import { getAt, type Path, pathKey } from '../../schema-form/paths';
import type { SettingsGuide } from '../settings-guide';
import { plainSummary } from './plain-summary';

/**
 * The rows of the rules section, read from the schema: one per rule block of the default
 * profile (in the schema's order, so a rule added later appears with its own label), then one
 * per settings section. In an account's scope a rule row shows that account's own block when
 * it has one, else the block every account follows.
 */

export interface RowModel {
  /** Rule id, or the section's key. */
  key: string;
  label: string;
  help: string | undefined;
  node: JsonNode;
  /** Where the row's value lives in the config (writes go here). */
  path: Path;
  value: unknown;
  hasMode: boolean;
  summary: string;
  /** The account has its own block for this rule (account scope only). */
  own: boolean;
  /** Dotted paths whose problems and pending changes belong to this row. */
  owns(path: string): boolean;
}

/** Config keys the page edits elsewhere, or never shows. */
export const SPECIAL_KEYS = new Set([
  'version',
  'defaultProfile',
  'accountOverrides',
  'monitoredAccountIds',
  'accountGroups',
]);

export const RULES_PATH: Path = ['defaultProfile', 'rules'];

const under = (prefix: string) => (path: string) => path === prefix || path.startsWith(`${prefix}.`);

export function ruleRowModels(
  schema: FormSchema,
  config: unknown,
  scope: string,
  guide: Pick<SettingsGuide, 'ruleSummary'> | undefined,
): RowModel[] {
  const rulesNode = nodeAt(schema, RULES_PATH);
  if (!rulesNode?.properties) return [];
  const tradingDay = getAt(config, ['tradingDay']);
  return Object.entries(rulesNode.properties).map(([id, raw]) => {
    const node = schema.resolve(raw);
    const defaultPath = [...RULES_PATH, id];
    const overridePath = ['accountOverrides', scope, 'rules', id];
    const override = scope === 'all' ? undefined : getAt(config, overridePath);
    const own = override !== undefined;
    // In an account's scope the row writes to the account's own block (made on the first edit).
    const path = scope === 'all' ? defaultPath : overridePath;
    const value = own ? override : getAt(config, defaultPath);
    const summary = guide?.ruleSummary(id, value ?? {}, tradingDay) ?? plainSummary(node, value);
    const mine = under(pathKey(path));
    const followed = under(pathKey(defaultPath));
    return {
      key: id,
      label: labelOf(node, id),
      help: node.help ?? node.description,
      node,
      path,
      value,
      hasMode: node.properties?.mode !== undefined,
      summary,
      own,
      // An account that follows every account's block also shows that block's problems and pending changes.
      owns: (p: string) => mine(p) || (!own && followed(p)),
    };
  });
}

/**
 * The config's other parts as rows: each object (trading day, alerts, one added later) is a
 * row; loose switches and numbers (fees, fail closed, …) share one "The guard itself" row.
 * Parts marked advanced are left to the advanced section.
 */
export function settingsRowModels(schema: FormSchema, config: unknown): RowModel[] {
  const root = schema.resolve(schema.root);
  const rows: RowModel[] = [];
  const loose: Record<string, JsonNode> = {};
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    if (SPECIAL_KEYS.has(key)) continue;
    const node = schema.resolve(raw);
    if (node.advanced) continue;
    if (node.properties) {
      const value = getAt(config, [key]);
      rows.push({
        key,
        label: labelOf(node, key),
        help: node.help ?? node.description,
        node,
        path: [key],
        value,
        hasMode: false,
        summary: plainSummary(node, value),
        own: false,
        owns: under(key),
      });
    } else loose[key] = node;
  }
  if (Object.keys(loose).length > 0) {
    const node: JsonNode = { type: 'object', properties: loose };
    const keys = Object.keys(loose);
    rows.push({
      key: 'guard',
      label: 'The guard itself',
      help: 'How it counts P&L and what it does when it cannot see your account.',
      node,
      path: [],
      value: config,
      hasMode: false,
      summary: plainSummary(node, config, 4),
      own: false,
      owns: (path) => keys.some((k) => under(k)(path)),
    });
  }
  return rows;
}
