import { type JsonNode, labelOf } from '../../schema-form/json-node';
import { valueWords } from '../../schema-form/value-words';

/** Fields a summary leaves out: the switch shows the mode, warnings are not what a rule does. */
const NOT_SUMMARISED = new Set(['mode', 'warnAt']);

/**
 * A rule or section without a sentence of its own: its first few labelled values
 * ("Loss limit $500 · Count In minis …"), so a rule added without words still reads.
 */
export function plainSummary(node: JsonNode, value: unknown, max = 3): string {
  const props = node.properties ?? {};
  const v = (value ?? {}) as Record<string, unknown>;
  const parts = Object.entries(props)
    .filter(([key]) => !NOT_SUMMARISED.has(key))
    .map(
      ([key, child]) => `${labelOf(child, key)}: ${valueWords(child, v[key] === undefined ? child.default : v[key])}`,
    );
  if (parts.length === 0) return 'No settings';
  return parts.length > max ? `${parts.slice(0, max).join(' \u00b7 ')} \u2026` : parts.join(' \u00b7 ');
}
