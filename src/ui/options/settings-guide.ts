import type { IssueWords } from '../schema-form/problems';

/**
 * What the options page needs from the guard's core beyond the config schema, handed in by
 * the entrypoint (views import no core code): validation messages in words, each rule's
 * one-sentence summary, and the presets.
 */
export interface SettingsGuide {
  issueWords: IssueWords;
  /** The rule's sentence for its settings as edited; null: the page lists the labelled values instead. */
  ruleSummary(ruleId: string, settings: unknown, tradingDay: unknown): string | null;
  presets: PresetCatalogue;
}

export interface PresetChoiceView {
  type: string;
  style: string;
}

export interface PresetCatalogue {
  accountTypes: readonly { id: string; label: string }[];
  styles: readonly { id: string; label: string; help: string }[];
  /** The account type an account most likely is (name, balance); null: the trader picks. */
  guess(account: { name: string; balance?: number | undefined }): string | null;
  /** The config with the plan's rules (every rule of every account); nothing is saved. */
  apply(config: unknown, plan: { all: PresetChoiceView; accounts?: Record<string, PresetChoiceView> }): unknown;
}
