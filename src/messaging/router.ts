import {
  CONTENT_SCRIPT_ALLOWED,
  type ErrorCode,
  REQUEST_TYPES,
  type ReplyEnvelope,
  type RequestOf,
  RequestSchemas,
  type RequestType,
  type ResponseOf,
  ResponseSchemas,
  SNAPSHOT_PORT,
  SnapshotPushSchema,
} from './protocol';
import type { MessageSenderLike, OnMessageListener, PortLike, RuntimeServerLike } from './runtime-types';
import { classifySender, type SenderKind, type SenderPolicyOptions } from './sender-policy';
import type { GuardSnapshot } from './snapshot';
import { ViewSafeError } from './view-safe-error';

/**
 * Worker-side router: every message is validated with zod, unknown types are rejected, and
 * the sender policy is applied BEFORE any handler runs.
 *
 * @webext-core/messaging was considered and not used: it has no hook to validate a message
 * and check its sender centrally before dispatch (each handler would repeat the checks, and
 * one forgotten check is a hole), it does not re-validate answers on the way out, and it has
 * no long-lived port for the snapshot stream. This wrapper is small and keeps the policy in
 * one place.
 */

export interface HandlerContext {
  sender: SenderKind;
  /** The tab of a content script, for the journal ("flatten asked from the page"). */
  tabId: number | null;
}

export type RequestHandlers = {
  [T in RequestType]: (request: RequestOf<T>, ctx: HandlerContext) => Promise<ResponseOf<T>> | ResponseOf<T>;
};

export interface RouterHandlers extends RequestHandlers {
  /** Called for each snapshot port; push every new snapshot; return the unsubscribe. */
  subscribe(push: (snapshot: GuardSnapshot) => void, ctx: HandlerContext): () => void;
}

export interface MessageRouter {
  handleMessage(message: unknown, sender: MessageSenderLike | undefined): Promise<ReplyEnvelope<unknown>>;
  handleConnect(port: PortLike): void;
  /** Registers onMessage/onConnect on the runtime; returns a function that removes them. */
  listen(runtime: RuntimeServerLike): () => void;
}

function fail(code: ErrorCode, message: string): ReplyEnvelope<never> {
  return { ok: false, error: { code, message } };
}

function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && (REQUEST_TYPES as string[]).includes(value);
}

/** Error text for the view: zod issue paths and messages only (never the offending input). */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.message}`).join('; ');
}

export function createMessageRouter(handlers: RouterHandlers, options: SenderPolicyOptions): MessageRouter {
  async function handleMessage(
    message: unknown,
    sender: MessageSenderLike | undefined,
  ): Promise<ReplyEnvelope<unknown>> {
    const kind = classifySender(sender, options);
    if (kind === 'untrusted') return fail('forbidden', 'messages from outside the extension are not accepted');
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (!isRequestType(type)) return fail('unknown-type', `unknown message type: ${String(type).slice(0, 40)}`);
    if (kind === 'content-script' && !CONTENT_SCRIPT_ALLOWED.has(type)) {
      return fail('forbidden', `the page may not send ${type}`);
    }
    const parsed = RequestSchemas[type].safeParse(message);
    if (!parsed.success) return fail('invalid-message', describeIssues(parsed.error.issues));
    const ctx: HandlerContext = { sender: kind, tabId: sender?.tab?.id ?? null };
    try {
      const handler = handlers[type] as (req: unknown, c: HandlerContext) => unknown;
      const answer = await handler(parsed.data, ctx);
      // Re-parse: strips any field the protocol does not name, so no secret leaves the worker.
      const out = ResponseSchemas[type].safeParse(answer);
      if (!out.success) return fail('handler-failed', `worker answer for ${type} is malformed`);
      return { ok: true, data: out.data };
    } catch (error) {
      if (error instanceof ViewSafeError) return fail('handler-failed', error.message);
      // The message of a thrown error may carry request details; keep only its name.
      const name = error instanceof Error ? error.name : 'Error';
      return fail('handler-failed', `${type} failed (${name})`);
    }
  }

  function handleConnect(port: PortLike): void {
    if (port.name !== SNAPSHOT_PORT) {
      port.disconnect();
      return;
    }
    const kind = classifySender(port.sender, options);
    if (kind === 'untrusted') {
      port.disconnect();
      return;
    }
    let open = true;
    const push = (snapshot: GuardSnapshot): void => {
      if (!open) return;
      const message = SnapshotPushSchema.safeParse({ type: 'snapshot', snapshot });
      if (!message.success) return;
      try {
        port.postMessage(message.data);
      } catch {
        // The view went away between the change and the push; onDisconnect cleans up.
      }
    };
    const unsubscribe = handlers.subscribe(push, { sender: kind, tabId: port.sender?.tab?.id ?? null });
    port.onDisconnect.addListener(() => {
      open = false;
      unsubscribe();
    });
  }

  function listen(runtime: RuntimeServerLike): () => void {
    const onMessage: OnMessageListener = (message, sender, sendResponse) => {
      void handleMessage(message, sender).then(sendResponse);
      return true; // answer asynchronously
    };
    runtime.onMessage.addListener(onMessage);
    runtime.onConnect.addListener(handleConnect);
    return () => {
      runtime.onMessage.removeListener(onMessage);
      runtime.onConnect.removeListener(handleConnect);
    };
  }

  return { handleMessage, handleConnect, listen };
}
