import { z } from 'zod';
import { GuardSnapshotSchema } from './snapshot';

/**
 * What frames every message between the worker and the views: the router's reply envelope
 * and the snapshot port's push. Apart from protocol.ts (which re-exports them) so a view's
 * client can validate both without building the whole protocol's schemas (client.ts says why).
 */

export const SNAPSHOT_PORT = 'snapshot';

export const ErrorCodeSchema = z.enum(['invalid-message', 'unknown-type', 'forbidden', 'handler-failed']);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The router's reply to every request: the answer, or why there is none. */
export const ReplyEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: ErrorCodeSchema, message: z.string() }) }),
]);
export type ReplyEnvelope<T> = { ok: true; data: T } | Extract<z.infer<typeof ReplyEnvelopeSchema>, { ok: false }>;

/** Pushed on the SNAPSHOT_PORT. */
export const SnapshotPushSchema = z.object({ type: z.literal('snapshot'), snapshot: GuardSnapshotSchema });
export type SnapshotPush = z.infer<typeof SnapshotPushSchema>;
