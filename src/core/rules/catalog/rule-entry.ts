import type { z } from 'zod';
import type { SummaryContext } from './summary-words';
import type { Comparison, SettingChange } from './tightness';

/**
 * A rule's entry in the catalog: what it is and what it takes, apart from how it judges
 * (its evaluation, ../evaluation/). The config schema and the options page are built from
 * entries alone, so neither ships a line of evaluation code.
 */

export interface BaseSettings {
  mode: 'off' | 'monitor' | 'enforce';
  warnAt: number[];
}

export interface RuleEntry<S extends BaseSettings = BaseSettings> {
  /** Also the key of the rule's block in the config (`defaultProfile.rules.<id>`). */
  id: string;
  name: string;
  description: string;
  unit?: string;
  settingsSchema: z.ZodType<S>;
  /** Commitment lock: what of `next` applies now (`value`) and what waits (changes of kind 'loosen'). */
  merge(old: S, next: S, path: string): { value: S; changes: SettingChange[] };
  compare(old: S, next: S): Comparison;
  /**
   * One sentence of what the rule does with these settings, in the trader's words ("Flatten
   * and lock until 17:00 CT when today's loss reaches $500"). Optional: the options page
   * builds a plain one from the labelled fields of a rule without it.
   */
  summary?(settings: S, ctx: SummaryContext): string;
}
