import type { RuleContext } from '../rule';
import { type RuleMemory, setIn } from '../rule-memory';

/**
 * Level, not edge, for settings. A rule's latches ("flattened already today") and warnings
 * were judged under the settings then in force; once those change (a new mode, a new limit,
 * a rule switched on) they say nothing about the new ones. Without this, a breach recorded in
 * *monitor* mode used up the rule's one action for the day and switching it to *enforce*
 * afterwards did nothing. So: the engine keeps, per account and rule, a signature of the
 * settings it last judged with; when the settings in force differ, the rule's latches and
 * warnings are forgotten and it judges the account as it is now.
 *
 *   judgedWith[rule] = sig ──settings in force change──▶ forget latches + warnings ──▶ judgedWith[rule] = sig'
 *
 * Latches that record an observation rather than a decision (`keepOnChange`) are kept. The
 * signature is recorded whenever the rule writes its memory (the engine's `write()`), so a
 * rule that never latched or warned costs no write: there is nothing of it to forget.
 */

/** A short, stable signature of a settings block (FNV-1a over its JSON; zod fixes the key order). */
export function settingsSignature(settings: object): string {
  // Settings are plain data: their JSON is always text (only undefined, a function or a symbol has none).
  const text = JSON.stringify(settings);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export interface JudgedRule {
  id: string;
  keepOnChange?: readonly string[];
}

/** Latch keys are `ruleId` or `ruleId|…`; warning keys `ruleId` or `ruleId:…`. */
function belongsTo(key: string, id: string, separator: string): boolean {
  return key === id || (key.startsWith(id) && key.charAt(id.length) === separator);
}

/**
 * Call before the rule evaluates (the engine does, when `judgedWith[rule.id] !== sig`).
 * No signature yet (the rule never wrote, or memory from before signatures, which loads with
 * an empty record: normalizeRuleMemory): nothing to forget.
 */
export function alignJudgement(ctx: RuleContext<unknown>, rule: JudgedRule, sig: string): void {
  const judged = ctx.memory.judgedWith[rule.id];
  if (judged === sig || judged === undefined) return;
  const m = ctx.write();
  m.judgedWith = setIn(m.judgedWith, rule.id, sig);
  const keep = rule.keepOnChange ?? [];
  for (const key of Object.keys(m.latches)) {
    if (belongsTo(key, rule.id, '|') && !keep.some((prefix) => key.startsWith(prefix))) delete m.latches[key];
  }
  for (const key of Object.keys(m.warned)) if (belongsTo(key, rule.id, ':')) delete m.warned[key];
}

/** What `write()` does for the rule being evaluated: its memory now belongs to these settings. */
export function stampJudgement(m: RuleMemory, rule: JudgedRule, sig: string): void {
  if (m.judgedWith[rule.id] !== sig) m.judgedWith = setIn(m.judgedWith, rule.id, sig);
}
