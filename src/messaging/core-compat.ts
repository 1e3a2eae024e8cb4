import type { CONFIG_STORAGE_PATH } from '../core/guard/config-holder';
import type { LockMeOutRequest } from '../core/guard/lock-me-out';
import type { StorageHealth } from '../core/guard/storage-health';
import type { JournalFilters as CoreJournalFilters, JournalKind } from '../core/journal/journal';
import type { ReplayResult } from '../core/replay/replay-types';
import type { AccountMeter } from '../core/rules/engine/rule-meters';
import type { GuardHealth } from '../core/state/events';
import type { ServerClockStatus } from '../core/time/server-clock';
import type { JournalEntryView, JournalFilters, LockMeOutRequestView, STORAGE_PROBLEM_PATH } from './protocol';
import type { ReplayResultView } from './replay';
import type { ClockStatusView, HealthView, Meter, StorageHealthView } from './snapshot';

/**
 * Compile-time guards: the view schemas restate core shapes (views must not import core
 * runtime code), so the typecheck fails the moment the two drift apart.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const HEALTH_MATCHES_CORE: Equal<HealthView, GuardHealth> = true;
/** The views' filters are a subset of the journal's own (no `sinceSeq`): each one means the same there. */
export const JOURNAL_FILTERS_FIT_CORE: JournalFilters extends CoreJournalFilters ? true : false = true;
export const JOURNAL_KINDS_MATCH_CORE: Equal<JournalEntryView['kind'], JournalKind> = true;
export const LOCK_ME_OUT_MATCHES_CORE: Equal<LockMeOutRequestView, LockMeOutRequest> = true;
export const STORAGE_HEALTH_MATCHES_CORE: Equal<StorageHealthView, StorageHealth> = true;
export const REPLAY_RESULT_MATCHES_CORE: Equal<ReplayResultView, ReplayResult> = true;
export const CLOCK_MATCHES_CORE: Equal<ClockStatusView, ServerClockStatus> = true;
export const STORAGE_PROBLEM_PATH_MATCHES_CORE: Equal<typeof STORAGE_PROBLEM_PATH, typeof CONFIG_STORAGE_PATH> = true;
/** Every meter the rules define is one the views take (the view's schema also names mode 'off'). */
export const METER_FITS_VIEW: AccountMeter extends Meter ? true : false = true;
