import type { FormSchema } from '../../schema-form/json-node';
import { getAt } from '../../schema-form/paths';
import { ruleRowModels } from '../rules/rule-rows';
import type { SettingsGuide } from '../settings-guide';
import type { PresetPlanView } from './PresetStep';

/**
 * What a preset plan would set, in the rule list's own sentences: every rule it switches on
 * for every account, then the accounts that get rules of their own.
 */
export function presetPreview(
  schema: FormSchema,
  config: unknown,
  plan: PresetPlanView,
  guide: SettingsGuide,
  accountName: (id: string) => string,
): string[] {
  let applied: unknown;
  try {
    applied = guide.presets.apply(config, plan);
  } catch {
    return [];
  }
  const on = ruleRowModels(schema, applied, 'all', guide).filter(
    (r) => (r.value as { mode?: unknown } | undefined)?.mode !== 'off',
  );
  const lines = on.map((r) => `${r.label}: ${r.summary}`);
  const own = Object.keys((getAt(applied, ['accountOverrides']) ?? {}) as Record<string, unknown>);
  const typeLabel = (id: string) => guide.presets.accountTypes.find((t) => t.id === id)?.label ?? id;
  for (const id of own) {
    const type = plan.accounts?.[id]?.type;
    lines.push(`${accountName(id)}: its own rules${type ? `, from the ${typeLabel(type)} figures` : ''}`);
  }
  return lines;
}
