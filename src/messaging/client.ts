import type { z } from 'zod';
import {
  type ReplyEnvelope,
  ReplyEnvelopeSchema,
  type RequestOf,
  type RequestType,
  type ResponseOf,
  ResponseSchemas,
  SNAPSHOT_PORT,
  SnapshotPushSchema,
} from './protocol';
import type { RuntimeClientLike } from './runtime-types';
import type { GuardSnapshot } from './snapshot';

/**
 * View-side client: typed requests and the snapshot subscription. Answers are validated
 * too, so a view never renders a malformed snapshot. Throws GuardRequestError on refusal.
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

export interface GuardClient {
  request<T extends RequestType>(type: T, payload: Payload<T>): Promise<ResponseOf<T>>;
  /** Pushes each snapshot; reconnects when the worker restarts. Returns the unsubscribe. */
  subscribe(onSnapshot: (snapshot: GuardSnapshot) => void, onDisconnect?: () => void): () => void;
}

export interface GuardClientOptions {
  /** Delay before reconnecting the snapshot port after the worker went away. */
  reconnectMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export function createGuardClient(runtime: RuntimeClientLike, options: GuardClientOptions = {}): GuardClient {
  const reconnectMs = options.reconnectMs ?? 1000;
  const setT = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const clearT = options.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  async function request<T extends RequestType>(type: T, payload: Payload<T>): Promise<ResponseOf<T>> {
    const raw = await runtime.sendMessage({ ...payload, type });
    const envelope = ReplyEnvelopeSchema.safeParse(raw);
    if (!envelope.success) throw new GuardRequestError('invalid-answer', 'the guard answered in an unknown shape');
    const value = envelope.data as ReplyEnvelope<unknown>;
    if (!value.ok) throw new GuardRequestError(value.error.code, value.error.message);
    const schema: z.ZodType = ResponseSchemas[type];
    const data = schema.safeParse(value.data);
    if (!data.success) throw new GuardRequestError('invalid-answer', `the guard's answer to ${type} is malformed`);
    return data.data as ResponseOf<T>;
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
