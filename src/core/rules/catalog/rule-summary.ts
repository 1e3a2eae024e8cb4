import { CATALOG } from './rule-catalog';
import type { BaseSettings, RuleEntry } from './rule-entry';
import { timeWords } from './summary-words';

/**
 * One rule's sentence for the options page, from settings as edited (maybe not valid yet):
 * null when the rule has no `summary` of its own or the settings do not parse, so the page
 * can fall back to a plain list of the labelled values.
 */
export function ruleSummary(ruleId: string, settings: unknown, tradingDay: unknown): string | null {
  const rule = (CATALOG as Readonly<Record<string, RuleEntry<BaseSettings>>>)[ruleId];
  if (!rule?.summary) return null;
  const parsed = rule.settingsSchema.safeParse(settings);
  if (!parsed.success) return null;
  return rule.summary(parsed.data, { reset: resetWords(tradingDay) });
}

/** "17:00 CT" from the config's `tradingDay` as edited; the defaults while it is unreadable. */
function resetWords(tradingDay: unknown): string {
  const t = (tradingDay ?? {}) as { resetTime?: unknown; timeZone?: unknown };
  const time = typeof t.resetTime === 'string' && /^\d\d:\d\d$/.test(t.resetTime) ? t.resetTime : '17:00';
  const zone = typeof t.timeZone === 'string' && t.timeZone !== '' ? t.timeZone : 'America/Chicago';
  return timeWords(time, zone);
}
