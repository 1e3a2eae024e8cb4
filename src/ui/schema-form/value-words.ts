import { type JsonNode, labelOf, optionLabel } from './json-node';

/**
 * A setting's value as the page says it: "$500", "80 %", "Mon, Tue", "no limit", an enum's
 * own words. For pending changes ("$500 → $800") and the plain summary of a rule without one.
 */

const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function money(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 })}`;
}

/** 0.8 → "80" (what the trader typed). */
export const percentOf = (fraction: number): string => String(Math.round(fraction * 10_000) / 100);

export function valueWords(node: JsonNode, value: unknown): string {
  if (value === null || value === undefined) return node.empty ?? 'not set';
  switch (node.widget) {
    case 'money':
      return typeof value === 'number' ? money(value) : String(value);
    case 'percent-list':
      return Array.isArray(value) && value.length > 0
        ? `${value.map((v) => (typeof v === 'number' ? percentOf(v) : String(v))).join(', ')} %`
        : 'none';
    case 'weekdays':
      return Array.isArray(value) && value.length > 0
        ? value.map((d) => DAY[Number(d)] ?? String(d)).join(', ')
        : 'no day';
    default:
      break;
  }
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (node.enum !== undefined || node.options !== undefined) return optionLabel(node, value);
  if (typeof value === 'number') {
    const n = value.toLocaleString('en-US');
    if (node.unit === 'USD') return money(value);
    return node.unit ? `${n} ${node.unit}` : n;
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const item = node.items ?? {};
    return value.map((v) => valueWords(item, v)).join(', ');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return 'none';
    const props = node.properties;
    const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : null;
    return entries
      .map(([k, v]) => {
        const n = props?.[k] ?? extra ?? {};
        return props?.[k] ? `${labelOf(n, k)} ${valueWords(n, v)}` : `${k} ${valueWords(n, v)}`;
      })
      .join(', ');
  }
  return String(value);
}
