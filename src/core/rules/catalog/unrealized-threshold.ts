import type { BaseSettings } from './rule-entry';
import { type SummaryContext, sentence, usd } from './summary-words';

/** The settings half of the mechanism `unrealizedLoss` and `unrealizedProfitTarget` share. */

export interface ThresholdSettings extends BaseSettings {
  perPosition: number | null;
  total: number | null;
  lockAfterTotal: boolean;
}

/** Both rules' sentence: "Close a position at $300 open loss; flatten and lock until 17:00 CT at $800 …". */
export function thresholdSummary(
  s: ThresholdSettings,
  ctx: SummaryContext,
  words: { what: 'loss' | 'profit'; lock: string; none: string },
): string {
  const parts: string[] = [];
  if (s.perPosition !== null) parts.push(`close a position at ${usd(s.perPosition)} open ${words.what}`);
  if (s.total !== null) {
    const lock = s.lockAfterTotal ? ` and ${words.lock} until ${ctx.reset}` : '';
    parts.push(`flatten${lock} at ${usd(s.total)} open ${words.what} on the account`);
  }
  return parts.length === 0 ? words.none : sentence(parts.join('; '));
}
