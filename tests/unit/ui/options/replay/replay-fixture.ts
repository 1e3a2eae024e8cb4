import type { ReplayResultView } from '../../../../../src/messaging/replay';
import { configWith, ct, days, replay, roundTrip } from '../../../core/replay/history-kit';

/** A real replay result: the daily-limit week of the core tests (a breach at the third trade on Wednesday). */
export function breachWeek(): ReplayResultView {
  const config = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 500 } });
  const trades = [
    ...roundTrip(ct('2026-11-18', '09:00'), ct('2026-11-18', '09:10'), 'long', 5, 20000, 19980),
    ...roundTrip(ct('2026-11-18', '09:30'), ct('2026-11-18', '09:40'), 'short', 5, 19990, 20005),
    ...roundTrip(ct('2026-11-18', '10:00'), ct('2026-11-18', '10:20'), 'long', 5, 20010, 19995),
    ...roundTrip(ct('2026-11-18', '11:00'), ct('2026-11-18', '11:30'), 'long', 5, 19990, 20030),
    ...roundTrip(ct('2026-11-18', '13:00'), ct('2026-11-18', '13:15'), 'short', 5, 20040, 20100),
    ...roundTrip(ct('2026-11-19', '09:00'), ct('2026-11-19', '09:05'), 'long', 5, 20000, 20010),
  ];
  return replay(trades, config, days('2026-11-18', '2026-11-19', config));
}
