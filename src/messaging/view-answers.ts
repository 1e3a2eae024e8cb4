import { ActionResultSchema, LockPlanSchema, PageStatusReceiptSchema } from './action-answers';
import type { AnswerSchemas } from './client';
import { GuardSnapshotSchema } from './snapshot';

/**
 * The answers each small view validates, by request: the very schemas protocol.ts answers
 * with (`satisfies` fails the typecheck if one drifts), and only those. A view imports its
 * set instead of protocol.ts: building every schema of the protocol (the options page's
 * config, journal, credentials and replay messages) took about a fifth of the popup's time
 * to first data, before its own script could run.
 */

/** The popup: its snapshot, flatten one or all, "Lock me out". */
export const POPUP_ANSWERS = {
  getSnapshot: GuardSnapshotSchema,
  flattenAccount: ActionResultSchema,
  flattenAll: ActionResultSchema,
  previewLockMeOut: LockPlanSchema,
  lockMeOut: ActionResultSchema,
} as const satisfies AnswerSchemas<'getSnapshot' | 'flattenAccount' | 'flattenAll' | 'previewLockMeOut' | 'lockMeOut'>;

/** The page overlay (content script): only what protocol.ts lets it ask for (CONTENT_SCRIPT_ALLOWED). */
export const CONTENT_SCRIPT_ANSWERS = {
  getSnapshot: GuardSnapshotSchema,
  reportPageStatus: PageStatusReceiptSchema,
} as const satisfies AnswerSchemas<'getSnapshot' | 'reportPageStatus'>;
