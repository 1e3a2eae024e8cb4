/**
 * The small slice of the WebExtension runtime API the messaging layer uses. The real
 * `browser.runtime` (from 'wxt/browser') satisfies it; tests pass fakes. Passing it in keeps
 * src/messaging free of the `browser`/`chrome` globals.
 */

export interface MessageSenderLike {
  /** Extension id of the sender; absent or foreign for anything outside this extension. */
  id?: string;
  /** URL of the sending page or frame (set by the browser, not forgeable by a content script). */
  url?: string;
  /** Origin of the sending frame (Chrome 80+). */
  origin?: string;
  /** Set when the message comes from a tab: a content script, or an extension page in a tab. */
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export interface EventLike<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

export interface PortLike {
  name: string;
  sender?: MessageSenderLike;
  postMessage(message: unknown): void;
  disconnect(): void;
  onDisconnect: EventLike<(port: PortLike) => void>;
  onMessage: EventLike<(message: unknown, port: PortLike) => void>;
}

export type OnMessageListener = (
  message: unknown,
  sender: MessageSenderLike,
  sendResponse: (response: unknown) => void,
) => boolean | undefined;

/** Worker side. */
export interface RuntimeServerLike {
  onMessage: EventLike<OnMessageListener>;
  onConnect: EventLike<(port: PortLike) => void>;
}

/** View side. */
export interface RuntimeClientLike {
  sendMessage(message: unknown): Promise<unknown>;
  connect(connectInfo: { name: string }): PortLike;
}
