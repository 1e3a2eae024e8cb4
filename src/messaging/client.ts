import type { z } from 'zod';
import { type ReplyEnvelope, ReplyEnvelopeSchema, SNAPSHOT_PORT, SnapshotPushSchema } from './envelope';
import type { RequestOf, RequestType, ResponseOf } from './protocol';
import type { RuntimeClientLike } from './runtime-types';
import type { GuardSnapshot } from './snapshot';

/**
 * View-side client: typed requests and the snapshot subscription. Answers are validated
 * too, so a view never renders a malformed snapshot. Throws GuardRequestError on refusal.
 *
 * It validates with the answer schemas it is given, and can send only the requests they
 * cover: the options page passes protocol.ts's ResponseSchemas; the popup and the page
 * overlay pass their small sets (view-answers.ts), so they never build (nor wait for) the
 * schemas of messages they never send. This file imports protocol.ts for its types only.
 */
export class GuardRequestError extends Error {
  override name = 'GuardRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Payload<T extends RequestType> = Omit<RequestOf<T>, 'type'>;

/** The schema of each answer a client may receive, by request: protocol.ts's own, or a subset. */
export type AnswerSchemas<T extends RequestType> = { readonly [K in T]: z.ZodType<ResponseOf<K>> };

/** A client for the requests `T` (default: all); a component asks for the subset it sends. */
export interface GuardClient<T extends RequestType = RequestType> {
  request<K extends T>(type: K, payload: Payload<K>): Promise<ResponseOf<K>>;
  /** Pushes each snapshot; reconnects when the worker restarts. Returns the unsubscribe. */
  subscribe(onSnapshot: (snapshot: GuardSnapshot) => void, onDisconnect?: () => void): () => void;
  /**
   * Types only, never set: the requests it can send. It keeps a client for fewer requests from
   * being passed where one for more is expected (generic methods alone are not checked so).
   */
  readonly sends?: { readonly [K in T]: true };
}

export interface GuardClientOptions {
  /** Delay before reconnecting the snapshot port after the worker went away. */
  reconnectMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** Never a request without a schema for its answer: nothing unvalidated reaches a view. */
function schemaFor(answers: AnswerSchemas<RequestType> | object, type: RequestType): z.ZodType {
  const schema = (answers as Partial<Record<RequestType, z.ZodType>>)[type];
  if (!schema) throw new GuardRequestError('no-answer-schema', `this view cannot validate an answer to ${type}`);
  return schema;
}

/**
 * The answer to `type` in the worker's raw `reply`, once it passed the answer's schema; else a
 * GuardRequestError (refused, unknown shape, malformed). `request` uses it; so does the popup
 * for the question it asks before the client exists (entrypoints/popup/ask-first.ts).
 */
export async function validatedAnswer<T extends RequestType, K extends T>(
  answers: AnswerSchemas<T>,
  type: K,
  reply: Promise<unknown>,
): Promise<ResponseOf<K>> {
  const schema = schemaFor(answers, type);
  const envelope = ReplyEnvelopeSchema.safeParse(await reply);
  if (!envelope.success) throw new GuardRequestError('invalid-answer', 'the guard answered in an unknown shape');
  const value = envelope.data as ReplyEnvelope<unknown>;
  if (!value.ok) throw new GuardRequestError(value.error.code, value.error.message);
  const data = schema.safeParse(value.data);
  if (!data.success) throw new GuardRequestError('invalid-answer', `the guard's answer to ${type} is malformed`);
  return data.data as ResponseOf<K>;
}

export function createGuardClient<T extends RequestType>(
  runtime: RuntimeClientLike,
  answers: AnswerSchemas<T>,
  options: GuardClientOptions = {},
): GuardClient<T> {
  const reconnectMs = options.reconnectMs ?? 1000;
  const setT = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const clearT = options.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  async function request<K extends T>(type: K, payload: Payload<K>): Promise<ResponseOf<K>> {
    schemaFor(answers, type); // before anything is sent
    return validatedAnswer(answers, type, runtime.sendMessage({ ...payload, type }));
  }

  function subscribe(onSnapshot: (s: GuardSnapshot) => void, onDisconnect?: () => void): () => void {
    let stopped = false;
    let timer: unknown = null;
    let port: ReturnType<RuntimeClientLike['connect']> | null = null;
    const open = (): void => {
      if (stopped) return;
      try {
        port = runtime.connect({ name: SNAPSHOT_PORT });
      } catch {
        // Extension context invalidated (extension reloaded): nothing more to do.
        onDisconnect?.();
        return;
      }
      port.onMessage.addListener((message) => {
        const push = SnapshotPushSchema.safeParse(message);
        if (push.success) onSnapshot(push.data.snapshot);
      });
      port.onDisconnect.addListener(() => {
        port = null;
        onDisconnect?.();
        if (!stopped) timer = setT(open, reconnectMs);
      });
    };
    open();
    return () => {
      stopped = true;
      if (timer !== null) clearT(timer);
      port?.disconnect();
    };
  }

  return { request, subscribe };
}
