import type { ReplayResultView } from '../../../../../src/messaging/replay';
import { breachAtThirdTrade, configWith, days, replay } from '../../../core/replay/history-kit';

/** A real replay result: the daily-limit week of the core tests (a breach at the third trade on Wednesday). */
export function breachWeek(): ReplayResultView {
  const config = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 500 } });
  return replay(breachAtThirdTrade(), config, days('2026-11-18', '2026-11-19', config));
}
