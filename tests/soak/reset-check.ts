import type { Guard } from '../../src/core/guard/guard';
import type { Journal } from '../../src/core/journal/journal';
import { waitFor } from '../integration/guard/guard-harness';
import { resetDone } from './guard-day-checks';
import type { DayMarks } from './trading-days';

/**
 * The guard soak's check that a reset was done within 10 s (of soak time): the day rolled,
 * the held config promoted, the lockouts to the reset ended. When it was not, the failure
 * says how late it came (or that it never did) and what the guard was doing meanwhile.
 */
export async function checkResetDone(input: {
  guard: Guard;
  journal: Journal;
  now: () => number;
  speed: number;
  previous: DayMarks;
  next: DayMarks;
  how: 'live' | 'jump';
}): Promise<string[]> {
  const { guard, journal, speed, previous, next, how } = input;
  const ok = await waitFor(() => resetDone(guard, next.tradingDay, previous.end), 'the reset', 10_000 / speed)
    .then(() => true)
    .catch(() => false);
  if (ok) return [];
  const v = guard.view();
  const offMs = Math.round(v.now - input.now());
  // How late it was in the end (or not at all in 2 min), and what the guard was doing meanwhile.
  const late = await waitFor(() => resetDone(guard, next.tradingDay, previous.end), 'the reset', 120_000 / speed)
    .then(() => `done ${((input.now() - previous.end) / 1000).toFixed(1)} s after the reset`)
    .catch(() => 'still not done 2 min later');
  const recent = await journal.list({ from: previous.end - 60_000 });
  return [
    `${next.tradingDay}: the reset (${how}) was not done ${10 / speed} s after it: day ${v.tradingDay.key} / state ` +
      `${v.state.tradingDay}, pending ${v.pending !== null}, lockouts ` +
      `${JSON.stringify(v.lockouts.map((l) => [l.accountId, l.ruleId, l.end]))}, guard time ${offMs} ms ` +
      `off the soak's (${JSON.stringify(v.clock)}), hub ${v.health.user.status}; ${late}; journal since a minute ` +
      `before: ${JSON.stringify(recent.map((e) => [new Date(e.at).toISOString().slice(11, 23), e.kind, e.message.slice(0, 80)]))}`,
  ];
}
