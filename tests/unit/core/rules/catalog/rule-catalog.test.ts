import { describe, expect, it } from 'vitest';
import { CATALOG, RULE_IDS } from '../../../../../src/core/rules/catalog/rule-catalog';
import { configJsonSchema } from '../../../../../src/core/rules/config/config-schema';

const ENTRIES = RULE_IDS.map((id) => CATALOG[id]);

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  label?: string;
  help?: string;
  unit?: string;
  empty?: string;
  options?: Record<string, string>;
  hidden?: boolean;
};

/** Every field of the config's JSON Schema, by path (what the options page renders). */
function fields(node: JsonSchema, path = ''): Array<{ path: string; node: JsonSchema }> {
  const out = [{ path, node }];
  for (const [key, child] of Object.entries(node.properties ?? {})) out.push(...fields(child, `${path}.${key}`));
  if (node.items) out.push(...fields(node.items, `${path}[]`));
  for (const [i, alt] of (node.anyOf ?? []).entries()) out.push(...fields(alt, `${path}|${i}`));
  if (typeof node.additionalProperties === 'object') out.push(...fields(node.additionalProperties, `${path}{}`));
  return out;
}

describe('the rule catalog', () => {
  it('lists every rule once, under the id that keys its settings, each with a name of its own', () => {
    for (const id of RULE_IDS) expect(CATALOG[id].id).toBe(id);
    expect(new Set(ENTRIES.map((r) => r.name)).size).toBe(ENTRIES.length);
  });

  it('names and describes every rule in words: a name, and a sentence of what it does', () => {
    for (const r of ENTRIES) {
      expect(r.name, r.id).toMatch(/^[A-Z][\w -]+$/);
      expect(r.description, r.id).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it('says what each rule’s figure counts, for its meter', () => {
    expect(Object.fromEntries(ENTRIES.map((r) => [r.id, r.unit ?? null]))).toEqual({
      maxContracts: 'contracts',
      maxContractsPerInstrument: 'contracts',
      dailyRealizedLoss: 'USD',
      unrealizedLoss: 'USD',
      unrealizedProfitTarget: 'USD',
      tradeFrequency: 'orders',
      cooldownAfterLoss: 'USD',
      stopLossRequired: 's',
      tradingHours: null,
      tradingPermission: null,
      symbolBlocks: null,
      tradeManagement: 'ticks',
      dailyNetLoss: 'USD',
      trailingDrawdown: 'USD',
      trailingDailyLoss: 'USD',
      weeklyLoss: 'USD',
      weeklyTradeLimit: 'trades',
    });
  });
});

describe('the settings as the options page shows them', () => {
  const all = fields(configJsonSchema() as JsonSchema);

  it('gives every rule’s block its name and description, and every setting it shows a label', () => {
    const rules = all.find((f) => f.path === '.defaultProfile.rules')?.node.properties ?? {};
    for (const r of ENTRIES) {
      const block = rules[r.id];
      expect(block?.label, r.id).toBe(r.name);
      expect(block?.help, r.id).toBe(r.description);
      for (const [key, field] of Object.entries(block?.properties ?? {}))
        if (!field.hidden) expect(field.label, `${r.id}.${key}`).toMatch(/^[A-Z]/);
    }
  });

  it('words every label, unit, help, empty value and option: never an empty one', () => {
    const words = (text: unknown) => typeof text === 'string' && text.trim() === text && text.length > 0;
    const bad: string[] = [];
    for (const { path, node } of all) {
      for (const key of ['label', 'help', 'unit', 'empty'] as const)
        if (key in node && !words(node[key])) bad.push(`${path} ${key}: ${JSON.stringify(node[key])}`);
      for (const [value, text] of Object.entries(node.options ?? {}))
        if (!words(text)) bad.push(`${path} option ${value}: ${JSON.stringify(text)}`);
    }
    expect(bad).toEqual([]);
  });
});
