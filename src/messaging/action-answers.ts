import { z } from 'zod';

/**
 * The answers to the actions the popup and the page overlay ask for (flatten, "Lock me out",
 * the page's status report). Declared here, apart from protocol.ts (which uses these very
 * schemas), so those views validate their answers without building the options page's schemas.
 */

export const ActionResultSchema = z.object({ accepted: z.boolean(), message: z.string() });
export type ActionResult = z.infer<typeof ActionResultSchema>;

/** What a lock would do, for the confirmation step (or why it cannot be done). */
export const LockPlanSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  accountNames: z.array(z.string()),
  endsAt: z.number().nullable(),
});
export type LockPlanView = z.infer<typeof LockPlanSchema>;

/** The worker's receipt for the content script's page report. */
export const PageStatusReceiptSchema = z.object({ ok: z.literal(true) });
